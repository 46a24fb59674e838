#!/usr/bin/env bash
# Stops the daemons scripts/slurm-up.sh started (by the pids it wrote), and only those.
set -uo pipefail
state="${SGN_SLURM_STATE:-/tmp/sgn-slurm}"
[ -f "$state/pids" ] || exit 0
while read -r pid; do
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
done < "$state/pids"
rm -f "$state/pids"
