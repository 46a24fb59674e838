"""Native-code peer of sgn's fused lp engine: Algorithm 1 for the univariate ReLU net (Adam with bias correction on
the MSE, then, after `warmup` steps, the function-preserving reweighted-l1 prox of the path weights |v w|) as one
numba-compiled loop in float64: forward, the hand-written gradient of the MSE, Adam and the prox per neuron, with no
temporary arrays. The same data, initial weights and settings as sgn (JSON on stdin). One thread: the step is a few
hundred multiply-adds (width 80, 7 points), too small to split. Compilation is excluded (the loop is compiled on a
copy of the weights for one step before the clock starts). Prints JSON: ms per step, the final MSE, the number of
active neurons (|v w| > 1e-6) and the numba version."""
import json
import math
import resource
import sys
import time

import numba
import numpy as np
from numba import njit

BASE_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@njit(cache=False, inline="always")
def adam_update(m, s, g, theta, lr, beta1, beta2, eps, c1, c2):
    for k in range(theta.shape[0]):
        m[k] = beta1 * m[k] + (1.0 - beta1) * g[k]
        s[k] = beta2 * s[k] + (1.0 - beta2) * g[k] * g[k]
        theta[k] -= lr * (m[k] / c1) / (math.sqrt(s[k] / c2) + eps)


@njit(cache=False)
def algorithm1(x, y, v, w, b, ac, steps, lr, lam, p, warmup, beta1, beta2, eps):
    n, width = x.shape[0], v.shape[0]
    # Adam moments for v, w, b (per neuron) and the affine part a, c
    mv, sv = np.zeros(width), np.zeros(width)
    mw, sw = np.zeros(width), np.zeros(width)
    mb, sb = np.zeros(width), np.zeros(width)
    ma, sa = np.zeros(2), np.zeros(2)
    residual = np.zeros(n)
    gv, gw, gb = np.zeros(width), np.zeros(width), np.zeros(width)
    for t in range(1, steps + 1):
        for i in range(n):
            f = ac[0] * x[i] + ac[1]
            for k in range(width):
                z = w[k] * x[i] + b[k]
                if z > 0:
                    f += v[k] * z
            residual[i] = 2.0 * (f - y[i]) / n
        ga, gc = 0.0, 0.0
        for i in range(n):
            ga += residual[i] * x[i]
            gc += residual[i]
        for k in range(width):
            dv, dw, db = 0.0, 0.0, 0.0
            for i in range(n):
                z = w[k] * x[i] + b[k]
                if z > 0:
                    dv += residual[i] * z
                    dw += residual[i] * v[k] * x[i]
                    db += residual[i] * v[k]
            gv[k], gw[k], gb[k] = dv, dw, db
        c1 = 1.0 - beta1**t
        c2 = 1.0 - beta2**t
        adam_update(mv, sv, gv, v, lr, beta1, beta2, eps, c1, c2)
        adam_update(mw, sw, gw, w, lr, beta1, beta2, eps, c1, c2)
        adam_update(mb, sb, gb, b, lr, beta1, beta2, eps, c1, c2)
        for j, g in ((0, ga), (1, gc)):
            ma[j] = beta1 * ma[j] + (1.0 - beta1) * g
            sa[j] = beta2 * sa[j] + (1.0 - beta2) * g * g
            ac[j] -= lr * (ma[j] / c1) / (math.sqrt(sa[j] / c2) + eps)
        if t > warmup:
            for k in range(width):
                path = abs(v[k] * w[k])
                shrunk = max(path - lam * lr * p * path ** (p - 1), 0.0) if path > 0 else 0.0
                root = math.sqrt(shrunk)
                absw = abs(w[k])
                b[k] *= root / absw if absw > 0 else 0.0
                v[k] = math.copysign(root, v[k]) if v[k] != 0 else 0.0
                w[k] = math.copysign(root, w[k]) if w[k] != 0 else 0.0


def mse_and_active(x, y, v, w, b, ac):
    hidden = np.maximum(np.outer(x, w) + b, 0.0)
    f = hidden @ v + ac[0] * x + ac[1]
    return float(np.mean((f - y) ** 2)), int(np.sum(np.abs(v * w) > 1e-6))


spec = json.load(sys.stdin)
x, y = np.array(spec["x"], dtype=np.float64), np.array(spec["y"], dtype=np.float64)
init = {k: np.array(spec["init"][k], dtype=np.float64) for k in ["v", "w", "b", "a", "c"]}
args = (spec["learningRate"], spec["lambda"], spec["p"], spec["warmup"], 0.9, 0.999, 1e-8)


def fresh():
    return init["v"].copy(), init["w"].copy(), init["b"].copy(), np.array([init["a"][0], init["c"][0]])


algorithm1(x, y, *fresh(), 1, *args)  # compile
v, w, b, ac = fresh()
start = time.perf_counter()
algorithm1(x, y, v, w, b, ac, spec["steps"], *args)
elapsed = time.perf_counter() - start
mse, active = mse_and_active(x, y, v, w, b, ac)
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / spec["steps"], "mse": mse, "activeNeurons": active, "numba": numba.__version__}))
