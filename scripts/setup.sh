#!/usr/bin/env bash
# Sets up sgn on a fresh Debian machine with Node 20: Debian's Fashion-MNIST (the real-data experiments), pnpm 10
# and the workspace (which builds on install).
# --test also installs what the test suite drives for real: Debian's chromium (the webgl and docs tests, through
# playwright-core) and slurm-wlm with munge (the sweep launcher's test starts a one-node Slurm with
# scripts/slurm-up.sh and stops it). --browser is the older name of --test.
# --bench also installs the peers `sgn bench` times sgn against: Debian's python3-torch and python3-numba.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
# the real-data experiments read Debian's Fashion-MNIST (/usr/share/datasets/fashion-mnist)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--browser" ]; then
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  command -v sbatch >/dev/null || missing+=(slurm-wlm)
  command -v munged >/dev/null || missing+=(munge)
fi
if [ "${1:-}" = "--bench" ]; then
  /usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
  /usr/bin/python3 -c 'import numba' 2>/dev/null || missing+=(python3-numba)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  npm install -g pnpm@10.34.9 >/dev/null 2>&1 \
    || COREPACK_INTEGRITY_KEYS=0 corepack prepare pnpm@10.34.9 --activate
fi

pnpm install --frozen-lockfile
