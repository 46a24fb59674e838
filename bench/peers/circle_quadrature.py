"""The population of the deep-linear peers: the uniform circle with y = sgn(v^T x), v = e2, as Gauss-Legendre nodes
on the two half circles where y is constant (nodes from numpy). Shared by deep_linear_circle.py (PyTorch) and
deep_linear_numba.py, so both integrate the same rule."""
import math

import numpy as np


def circle_quadrature(count):
    """Returns x [2 count, 2], the weights q (summing to 1) and the labels y of `count` nodes per half circle."""
    nodes, weights = np.polynomial.legendre.leggauss(count)
    phis, ws, ys = [], [], []
    for start, label in [(0.0, 1.0), (math.pi, -1.0)]:  # v = e2: y = +1 for phi in (0, pi)
        phis.extend(start + (nodes + 1) / 2 * math.pi)
        ws.extend(weights / 2 * math.pi / (2 * math.pi))
        ys.extend([label] * len(nodes))
    phi = np.array(phis)
    return np.stack([np.cos(phi), np.sin(phi)], axis=1), np.array(ws), np.array(ys)
