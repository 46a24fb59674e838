"""Native-code peer of sgn's directional workload: population gradient descent on a balanced deep linear network for
the logistic loss on the uniform circle with y = sgn(v^T x), v = e2, as one numba-compiled float64 loop. The
population loss is the same Gauss-Legendre quadrature on the two half circles as the PyTorch peer
(circle_quadrature.py); per step the end-to-end row vector w_e = W_N ... W_1, its gradient
g = sum_k q_k (-y_k) sigmoid(-y_k x_k . w_e) x_k, and each layer's gradient (W_N ... W_{j+1})^T g (W_{j-1} ... W_1)^T
written out as loops over preallocated buffers (no allocation in the step). The same initial layers as sgn (JSON on stdin). One thread:
the step is ~100 quadrature points and four 2 x 2 products. Compilation is excluded. Prints JSON: ms per step, the
final log tan(theta/2), the numba version."""
import json
import math
import resource
import sys
import time

import numba
import numpy as np
from numba import njit

from circle_quadrature import circle_quadrature

BASE_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@njit(cache=False)
def descend(layers, x, q, y, eta, steps, prefix, suffix, grads, g, left):
    depth = len(layers)
    d = x.shape[1]
    for _ in range(steps):
        # prefix[j] = W_j ... W_1 (rows of W_j by d); suffix[j] = W_N ... W_{j+1} (1 by rows of W_j)
        for j in range(depth):
            layer, out = layers[j], prefix[j]
            rows, cols = layer.shape
            if j == 0:
                out[:, :] = layer
                continue
            below = prefix[j - 1]
            for r in range(rows):
                for c in range(d):
                    total = 0.0
                    for m in range(cols):
                        total += layer[r, m] * below[m, c]
                    out[r, c] = total
        suffix[depth - 1][0, 0] = 1.0
        for j in range(depth - 2, -1, -1):
            above, layer, out = suffix[j + 1], layers[j + 1], suffix[j]
            rows, cols = layer.shape
            for c in range(cols):
                total = 0.0
                for m in range(rows):
                    total += above[0, m] * layer[m, c]
                out[0, c] = total
        w = prefix[depth - 1]
        for i in range(d):
            g[i] = 0.0
        for k in range(x.shape[0]):
            margin = 0.0
            for i in range(d):
                margin += x[k, i] * w[0, i]
            weight = q[k] * (-y[k]) / (1.0 + math.exp(y[k] * margin))
            for i in range(d):
                g[i] += weight * x[k, i]
        for j in range(depth):
            layer, grad, s = layers[j], grads[j], suffix[j]
            rows, cols = layer.shape
            # dL/dW_j = suffix_j^T (g^T prefix_{j-1}^T), prefix_{-1} = I
            if j == 0:
                for c in range(cols):
                    left[c] = g[c]
            else:
                below = prefix[j - 1]
                for c in range(cols):
                    total = 0.0
                    for i in range(d):
                        total += g[i] * below[c, i]
                    left[c] = total
            for r in range(rows):
                for c in range(cols):
                    grad[r, c] = s[0, r] * left[c]
        for j in range(depth):
            layer, grad = layers[j], grads[j]
            rows, cols = layer.shape
            for r in range(rows):
                for c in range(cols):
                    layer[r, c] -= eta * grad[r, c]


spec = json.load(sys.stdin)
x, q, y = circle_quadrature(spec["nodes"])


def fresh():
    return numba.typed.List([np.array(layer, dtype=np.float64).reshape(rows, cols) for layer, rows, cols in spec["layers"]])


def buffers(layers):
    d = x.shape[1]
    prefix = numba.typed.List([np.zeros((layer.shape[0], d)) for layer in layers])
    suffix = numba.typed.List([np.zeros((1, layer.shape[0])) for layer in layers])
    grads = numba.typed.List([np.zeros(layer.shape) for layer in layers])
    widest = max(layer.shape[1] for layer in layers)
    return prefix, suffix, grads, np.zeros(d), np.zeros(widest)


warm = fresh()
descend(warm, x, q, y, spec["eta"], 1, *buffers(warm))  # compile
layers = fresh()
work = buffers(layers)
start = time.perf_counter()
descend(layers, x, q, y, spec["eta"], spec["steps"], *work)
elapsed = time.perf_counter() - start
w = layers[0]
for layer in layers[1:]:
    w = layer @ w
w = w.reshape(-1)
norm = float(np.linalg.norm(w))
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / spec["steps"], "logTanHalf": math.log(abs(w[0]) / (norm + w[1])), "norm": norm, "numba": numba.__version__}))
