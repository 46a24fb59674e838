"""PyTorch peer of sgn's RSetC workload: the permutation-invariant randomized linear classifier with affine noise
networks (8 parameters), soft-margin loss on tanh(c1 a^T x - c2 b) averaged over k noise draws per example,
Adagrad (lr 0.5), batches of 250 from 1000 sets of size 25; the same data, initial parameters, noise draws and
batch order as sgn (stdin JSON), float32 like tfjs. Like sgn's engines, it first runs `warmup` steps untimed on a
copy of the parameters. Prints JSON: ms per step and the final training loss."""
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
dtype = torch.float32
k, n, q = spec["k"], spec["n"], spec["q"]
x = torch.tensor(spec["x"], dtype=dtype).reshape(-1, n)
y = torch.tensor(spec["y"], dtype=dtype)


def fresh():
    return {name: torch.tensor(value, dtype=dtype).reshape(shape).requires_grad_(True) for name, (value, shape) in spec["init"].items()}


params = fresh()
optimizer = torch.optim.Adagrad(list(params.values()), lr=spec["learningRate"], eps=1e-10)
steps = spec["steps"]
noise = [
    (
        torch.tensor(s["shared"], dtype=dtype).reshape(k, 1, q),
        torch.tensor(s["psi"], dtype=dtype).reshape(k, q),
        torch.tensor(s["own"], dtype=dtype).reshape(k, n, q),
        torch.tensor(s["batch"]),
    )
    for s in steps
]


def scores(shared, psi_noise, own, batch):
    a = (torch.cat([shared.expand(k, n, q), own], dim=2) @ params["phi.w0"] + params["phi.b0"]).reshape(k, n)
    b = (torch.cat([shared.reshape(k, q), psi_noise], dim=1) @ params["psi.w0"] + params["psi.b0"]).reshape(k)
    return params["c"][0] * (a @ x[batch].T) - params["c"][1] * b[:, None]


def run(steps):
    for shared, psi_noise, own, batch in steps:
        optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.softplus(-y[batch] * torch.tanh(scores(shared, psi_noise, own, batch))).mean()
        loss.backward()
        optimizer.step()
    return loss


run(noise[: spec.get("warmup", 0)])
params = fresh()
optimizer = torch.optim.Adagrad(list(params.values()), lr=spec["learningRate"], eps=1e-10)
start = time.perf_counter()
loss = run(noise)
elapsed = time.perf_counter() - start
print(json.dumps({"peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseMB": BASE_MB, "msPerStep": 1000 * elapsed / len(noise), "lastLoss": float(loss)}))
