#!/usr/bin/env bash
# Sets up sgn on a fresh Debian machine with Node 20: pnpm 10 and the workspace (which builds on install).
# --browser also installs Debian's chromium, which the webgl and docs tests drive through playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "${1:-}" = "--browser" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  npm install -g pnpm@10.34.9 >/dev/null 2>&1 \
    || COREPACK_INTEGRITY_KEYS=0 corepack prepare pnpm@10.34.9 --activate
fi

pnpm install --frozen-lockfile
