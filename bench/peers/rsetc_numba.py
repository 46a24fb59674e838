"""Native-code peer of sgn's fused RSetC kernel: the permutation-invariant randomized linear classifier with affine
noise networks (q = 1: a_i = W0 u + W1 u_i + B per element, b = P0 u + P1 psi + Q), the same algorithm as the
RsetcStep kernel: gather the batch and each set's sum S_j, then per noise draw r and example j only the n-long dot
p_rj = sum_i u_ri x_ji (a^T x_j = (W0 u + B) S_j + W1 p_rj), the score c0 a^T x_j - c1 b_r, the soft-margin loss
log(1 + exp(-y tanh(score))) and four running sums per draw from which the gradient of all 8 parameters follows;
then Adagrad (lr 0.5, eps 1e-10); as one numba-compiled loop, float32 data and dots (as the kernel), float64 sums. The same data, initial parameters, noise draws and
batch order as sgn (JSON on stdin, the format of rsetc_epoch.py). One thread, as sgn's kernel. Like sgn's engines,
it first runs `warmup` steps untimed on a copy of the parameters (which also compiles it). Prints JSON: ms per
step, the last step's training loss, the numba version."""
import json
import math
import resource
import sys
import time

import numba
import numpy as np
from numba import njit

BASE_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@njit(cache=False, fastmath=True)
def run(x, y, theta, accumulator, shared, psi, own, batches, lr, eps):
    # theta: W0 W1 B (phi: a_i = W0 u + W1 u_i + B), P0 P1 Q (psi: b = P0 u + P1 psi + Q), c0 c1
    k, n = own.shape[1], own.shape[2]
    size = batches.shape[1]
    xb = np.zeros((size, n), dtype=np.float32)
    S = np.zeros(size, dtype=np.float32)
    yb = np.zeros(size, dtype=np.float32)
    grad = np.zeros(8)
    loss = 0.0
    for step in range(batches.shape[0]):
        # gather the batch (contiguous rows) and each set's sum S_j = sum_i x_ji
        for j in range(size):
            e = batches[step, j]
            total = np.float32(0.0)
            for i in range(n):
                xb[j, i] = x[e, i]
                total += x[e, i]
            S[j] = total
            yb[j] = y[e]
        W0, W1, B, P0, P1, Q, c0, c1 = theta
        grad[:] = 0.0
        loss = 0.0
        for r in range(k):
            u = shared[step, r]
            base = W0 * u + B
            b = P0 * u + P1 * psi[step, r] + Q
            offset = c1 * b
            g_sum, g_s, g_p, g_a = 0.0, 0.0, 0.0, 0.0
            for j in range(size):
                # a^T x_j = base S_j + W1 p_rj, p_rj = sum_i own_ri x_ji
                p = np.float32(0.0)
                for i in range(n):
                    p += own[step, r, i] * xb[j, i]
                ax = base * S[j] + W1 * p
                t = math.tanh(c0 * ax - offset)
                z = yb[j] * t
                ez = math.exp(z)
                g = (-yb[j] / (1.0 + ez)) * (1.0 - t * t)
                loss += math.log1p(ez) - z
                g_sum += g
                g_s += g * S[j]
                g_p += g * p
                g_a += g * ax
            d_base = c0 * g_s
            d_b = -c1 * g_sum
            grad[0] += d_base * u
            grad[1] += c0 * g_p
            grad[2] += d_base
            grad[3] += d_b * u
            grad[4] += d_b * psi[step, r]
            grad[5] += d_b
            grad[6] += g_a
            grad[7] -= g_sum * b
        scale = 1.0 / (k * size)
        loss *= scale
        for q in range(8):
            gq = np.float32(grad[q] * scale)
            accumulator[q] = np.float32(accumulator[q] + gq * gq)
            theta[q] = np.float32(theta[q] - lr * gq / (math.sqrt(accumulator[q]) + eps))
    return loss


spec = json.load(sys.stdin)
k, n, q = spec["k"], spec["n"], spec["q"]
if q != 1:
    raise SystemExit(f"rsetc_numba.py handles q = 1 (affine noise networks of 2 inputs), got q = {q}")
x = np.array(spec["x"], dtype=np.float32).reshape(-1, n)
y = np.array(spec["y"], dtype=np.float32)
init = spec["init"]
start_theta = np.array(init["phi.w0"][0] + init["phi.b0"][0] + init["psi.w0"][0] + init["psi.b0"][0] + init["c"][0], dtype=np.float32)
steps = spec["steps"]
shared = np.array([s["shared"] for s in steps], dtype=np.float32)
psi = np.array([s["psi"] for s in steps], dtype=np.float32)
own = np.array([s["own"] for s in steps], dtype=np.float32).reshape(len(steps), k, n)
batches = np.array([s["batch"] for s in steps], dtype=np.int64)
warmup = int(spec.get("warmup", 0))
args = (spec["learningRate"], 1e-10)
run(x, y, start_theta.copy(), np.zeros(8, dtype=np.float32), shared[: max(warmup, 1)], psi[: max(warmup, 1)], own[: max(warmup, 1)], batches[: max(warmup, 1)], *args)
theta, accumulator = start_theta.copy(), np.zeros(8, dtype=np.float32)
start = time.perf_counter()
loss = run(x, y, theta, accumulator, shared, psi, own, batches, *args)
elapsed = time.perf_counter() - start
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / len(steps), "lastLoss": float(loss), "numba": numba.__version__}))
