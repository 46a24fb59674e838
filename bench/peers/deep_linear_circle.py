"""PyTorch peer of sgn's directional workload: population gradient descent on a balanced deep linear network for
the logistic loss on the uniform circle with y = sgn(v^T x), v = e2. The population loss is integrated by
Gauss-Legendre on the two half circles where y is constant (circle_quadrature.py), the gradient by autograd; float64,
the same initial layers as sgn (stdin JSON). Prints JSON: ms per step and the final log tan(theta/2)."""
import json
import resource
import math
import sys
import time

import torch

from circle_quadrature import circle_quadrature

# peak resident memory of this process after importing torch: the baseline the workload adds to
BASE_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

spec = json.load(sys.stdin)
if "threads" in spec:
    torch.set_num_threads(spec["threads"])
dtype = torch.float64
points, ws, ys = circle_quadrature(spec["nodes"])
x = torch.tensor(points, dtype=dtype)  # [K, 2]
w_q = torch.tensor(ws, dtype=dtype)
y = torch.tensor(ys, dtype=dtype)
layers = [torch.tensor(layer, dtype=dtype).reshape(rows, cols).requires_grad_(True) for layer, rows, cols in spec["layers"]]
eta = spec["eta"]


def end_to_end():
    product = layers[0]
    for layer in layers[1:]:
        product = layer @ product
    return product.reshape(-1)


start = time.perf_counter()
for _ in range(spec["steps"]):
    loss = torch.sum(w_q * torch.nn.functional.softplus(-y * (x @ end_to_end())))
    grads = torch.autograd.grad(loss, layers)
    with torch.no_grad():
        for layer, grad in zip(layers, grads):
            layer.sub_(eta * grad)
elapsed = time.perf_counter() - start
with torch.no_grad():
    w = end_to_end()
    norm = float(torch.linalg.norm(w))
    along = float(w[1])
    across = abs(float(w[0]))
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / spec["steps"], "logTanHalf": math.log(across / (norm + along)), "norm": norm}))
