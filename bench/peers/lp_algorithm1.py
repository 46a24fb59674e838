"""PyTorch peer of sgn's lp workload: Algorithm 1 (Adam on the MSE, then the function-preserving reweighted-l1
prox) for the univariate ReLU net, float64, the same initial weights and data as sgn (read from stdin as JSON).
Prints JSON: ms per step, the final MSE and the number of active neurons."""
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
x = torch.tensor(spec["x"], dtype=dtype)
y = torch.tensor(spec["y"], dtype=dtype)
params = {k: torch.tensor(spec["init"][k], dtype=dtype, requires_grad=True) for k in ["v", "w", "b", "a", "c"]}
optimizer = torch.optim.Adam(list(params.values()), lr=spec["learningRate"], betas=(0.9, 0.999), eps=1e-8)
lam, p, gamma, steps, warmup = spec["lambda"], spec["p"], spec["learningRate"], spec["steps"], spec["warmup"]


def forward():
    hidden = torch.relu(x[:, None] * params["w"][None, :] + params["b"][None, :])
    return hidden @ params["v"] + params["a"] * x + params["c"]


start = time.perf_counter()
for t in range(1, steps + 1):
    optimizer.zero_grad(set_to_none=True)
    loss = torch.mean((forward() - y) ** 2)
    loss.backward()
    optimizer.step()
    if t > warmup:
        with torch.no_grad():
            v, w, b = params["v"], params["w"], params["b"]
            path = torch.abs(v * w)
            shrunk = torch.where(path > 0, torch.clamp(path - lam * gamma * p * path ** (p - 1), min=0), torch.zeros_like(path))
            root = torch.sqrt(shrunk)
            absw = torch.abs(w)
            scale = torch.where(absw > 0, root / torch.clamp(absw, min=1e-300), torch.zeros_like(absw))
            b.mul_(scale)
            v.copy_(torch.sign(v) * root)
            w.copy_(torch.sign(w) * root)
elapsed = time.perf_counter() - start
with torch.no_grad():
    mse = float(torch.mean((forward() - y) ** 2))
    active = int(torch.sum(torch.abs(params["v"] * params["w"]) > 1e-6))
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / steps, "mse": mse, "activeNeurons": active, "torch": torch.__version__}))
