"""Native-code peer of sgn's fused patch-CNN trainer: the same sparse algorithm as a numba-compiled loop (Debian's
python3-numba). Per step: for each example of the batch, the 2m filters' activations on its two patches from the
1 + s coordinates it touches (weights coordinate-major, [d, 2m], as sgn's trainer holds them), the logistic weight, the sparse gradient (Lemma A.5) into a dense gradient array; then
one Adam pass (coupled L2, no bias correction) over all 2 m d coordinates, split over `threads` threads with prange;
the same flush of values below 1e-100 every 256 steps. Same data, initial weights and batch order as sgn (JSON on
stdin). Compilation is excluded: every function is compiled on a copy of the data before the clock starts. Prints
JSON: ms per step, the final training loss, the numba version."""
import json
import math
import resource
import sys
import time

import numba
import numpy as np
from numba import njit, prange

BASE_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
TINY = 1e-100
FLUSH_EVERY = 256


@njit(cache=False)
def activations(w, i, y, offsets, support, values, alpha, m, d, signal, noise):
    # w is coordinate-major, [d, 2m], as sgn's trainer holds it
    begin, end = offsets[i], offsets[i + 1]
    F = 2 * m
    for f in range(F):
        noise[f] = -alpha * y[i] * w[f]
        signal[f] = y[i] * w[f]
    for k in range(begin, end):
        base = support[k] * F
        for f in range(F):
            noise[f] += w[base + f] * values[k]


@njit(cache=False)
def margin_of(y_i, signal, noise, m, q):
    f = 0.0
    for j in range(2 * m):
        value = (signal[j] ** q if signal[j] > 0 else 0.0) + (noise[j] ** q if noise[j] > 0 else 0.0)
        f += value if j < m else -value
    return y_i * f


@njit(cache=False)
def sparse_gradient(w, grad, batch, y, offsets, support, values, alpha, m, d, q, signal, noise, filters, scales):
    for i in batch:
        activations(w, i, y, offsets, support, values, alpha, m, d, signal, noise)
        logistic = 1.0 / (1.0 + math.exp(margin_of(y[i], signal, noise, m, q)))
        begin, end = offsets[i], offsets[i + 1]
        F = 2 * m
        active = 0
        for j in range(2):
            outer = (-y[i] * (1.0 if j == 0 else -1.0) * logistic) / len(batch)
            for r in range(m):
                f = j * m + r
                s_slope = q * signal[f] ** (q - 1) if signal[f] > 0 else 0.0
                n_slope = q * noise[f] ** (q - 1) if noise[f] > 0 else 0.0
                grad[f] += outer * (s_slope * y[i] - n_slope * alpha * y[i])
                if n_slope != 0.0:
                    filters[active] = f
                    scales[active] = outer * n_slope
                    active += 1
        for k in range(begin, end):
            base = support[k] * F
            for a in range(active):
                grad[base + filters[a]] += scales[a] * values[k]


@njit(parallel=True, cache=False)
def adam_pass(w, grad, first, second, beta1, beta2, eps, eta, coupled, flush):
    keep1 = 1.0 - beta1
    keep2 = 1.0 - beta2
    for index in prange(w.shape[0]):
        wi = w[index]
        g = grad[index] + coupled * wi
        grad[index] = 0.0
        m1 = beta1 * first[index] + keep1 * g
        m2 = beta2 * second[index] + keep2 * g * g
        wi = wi - eta * (m1 / (math.sqrt(m2) + eps))
        if flush:
            if abs(wi) < TINY:
                wi = 0.0
            if abs(m1) < TINY:
                m1 = 0.0
            if m2 < TINY * TINY:
                m2 = 0.0
        first[index] = m1
        second[index] = m2
        w[index] = wi


@njit(cache=False)
def train_loss(w, y, offsets, support, values, alpha, m, d, q, signal, noise):
    total = 0.0
    for i in range(y.shape[0]):
        activations(w, i, y, offsets, support, values, alpha, m, d, signal, noise)
        v = margin_of(y[i], signal, noise, m, q)
        total += math.log1p(math.exp(-v)) if v > 0 else -v + math.log1p(math.exp(v))
    return total / y.shape[0]


def run(spec, w, batches, timed):
    m, d, q = spec["m"], spec["d"], spec["q"]
    y = np.array(spec["y"], dtype=np.float64)
    lengths = [len(s) for s in spec["support"]]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    support = np.array([k for s in spec["support"] for k in s], dtype=np.int64)
    values = np.array([v for s in spec["values"] for v in s], dtype=np.float64)
    grad, first, second = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)
    signal, noise = np.zeros(2 * m), np.zeros(2 * m)
    filters, scales = np.zeros(2 * m, dtype=np.int64), np.zeros(2 * m)
    alpha, eta, lam, eps = spec["alpha"], spec["eta"], spec["lambda"], spec["eps"]
    start = time.perf_counter()
    for step, batch in enumerate(batches, start=1):
        sparse_gradient(w, grad, batch, y, offsets, support, values, alpha, m, d, q, signal, noise, filters, scales)
        adam_pass(w, grad, first, second, 0.9, 0.999, eps, eta, lam, step % FLUSH_EVERY == 0)
    elapsed = time.perf_counter() - start
    return elapsed, train_loss(w, y, offsets, support, values, alpha, m, d, q, signal, noise)


spec = json.load(sys.stdin)
numba.set_num_threads(spec.get("threads", 1))
batches = [np.array(b, dtype=np.int64) for b in spec["batches"]]
# the initial weights come in the paper's [2, m, d] order; the loop holds them coordinate-major, [d, 2m], as sgn
init = np.ascontiguousarray(np.array(spec["init"], dtype=np.float64).reshape(2 * spec["m"], spec["d"]).T).reshape(-1)
run(spec, init.copy(), batches[:3], False)  # compile every function before the clock starts
elapsed, loss = run(spec, init.copy(), batches, True)
print(json.dumps({
    "peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "baseMB": BASE_MB,
    "msPerStep": 1000 * elapsed / len(batches),
    "trainLoss": loss,
    "numba": numba.__version__,
    "threads": numba.get_num_threads(),
}))
