"""PyTorch peer of sgn's patch-CNN workload: the stochastic-Adam paper's two-layer CNN (polynomial ReLU, no 1/m),
logistic loss, Adam with coupled L2 and no bias correction, dense float64 tensors, the same data, initial weights and
batch order as sgn (read from stdin as JSON). Prints JSON: ms per step, the final training loss."""
import json
import resource
import sys
import time

import torch

# peak resident memory of this process after importing torch: the baseline the workload adds to
BASE_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

spec = json.load(sys.stdin)
if "threads" in spec:
    torch.set_num_threads(spec["threads"])
dtype = torch.float64
n, d, m, q = spec["n"], spec["d"], spec["m"], spec["q"]
eta, lam, beta1, beta2, eps = spec["eta"], spec["lambda"], 0.9, 0.999, spec["eps"]
x = torch.zeros((n, 2, d), dtype=dtype)
for i in range(n):
    signal = spec["signalPatch"][i]
    x[i, signal, 0] = spec["y"][i]
    x[i, 1 - signal, 0] = -spec["alpha"] * spec["y"][i]
    x[i, 1 - signal, spec["support"][i]] = torch.tensor(spec["values"][i], dtype=dtype)
y = torch.tensor(spec["y"], dtype=dtype)
w = torch.tensor(spec["init"], dtype=dtype).reshape(2, m, d).requires_grad_(True)
first = torch.zeros_like(w)
second = torch.zeros_like(w)


def loss_of(batch):
    scores = torch.einsum("bpd,jmd->bpjm", x[batch], w)
    f = torch.relu(scores).pow(q).sum(dim=(1, 3))
    return torch.nn.functional.softplus(-y[batch] * (f[:, 0] - f[:, 1])).mean()


steps = 0
start = time.perf_counter()
for order in spec["batches"]:
    batch = torch.tensor(order)
    w.grad = None
    loss_of(batch).backward()
    with torch.no_grad():
        g = w.grad + lam * w
        first.mul_(beta1).add_(g, alpha=1 - beta1)
        second.mul_(beta2).addcmul_(g, g, value=1 - beta2)
        w.sub_(eta * first / (second.sqrt() + eps))
    steps += 1
elapsed = time.perf_counter() - start
with torch.no_grad():
    final = float(loss_of(torch.arange(n)))
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / steps, "trainLoss": final, "torch": torch.__version__}))
