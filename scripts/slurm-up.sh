#!/usr/bin/env bash
# Starts a one-node Slurm on this machine for the sweep launcher's test (root, Debian's slurm-wlm and munge; no
# systemd needed): munged, then slurmctld and slurmd with a slurm.conf for localhost and its CPUs. Idempotent:
# when sinfo already answers, it does nothing. Writes the pids of what it started to $SGN_SLURM_STATE/pids
# (default /tmp/sgn-slurm) for scripts/slurm-down.sh. Exit 0 when the node is idle; otherwise 1 and one line why.
set -uo pipefail
state="${SGN_SLURM_STATE:-/tmp/sgn-slurm}"
fail() { echo "slurm-up: $*" >&2; exit 1; }

if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then exit 0; fi
[ "$(id -u)" -eq 0 ] || fail "needs root to start munged, slurmctld and slurmd (running as $(id -un))"
for tool in munged slurmctld slurmd sbatch sinfo; do
  command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install -y slurm-wlm munge (bash scripts/setup.sh --test does)"
done
mkdir -p "$state" /run/munge /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /etc/slurm
chown munge:munge /run/munge
chown slurm:slurm /var/spool/slurmctld /var/log/slurm
: > "$state/pids"

if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -f /etc/munge/munge.key ] || fail "/etc/munge/munge.key is missing (the munge package creates it)"
  su -s /bin/sh munge -c /usr/sbin/munged || fail "munged did not start"
  sleep 0.5
  pgrep -u munge -x munged >> "$state/pids"
  munge -n | unmunge >/dev/null 2>&1 || fail "munge does not answer (munge -n | unmunge)"
fi

host="$(hostname)"
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=sgn
SlurmctldHost=$host
SlurmUser=slurm
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
/usr/sbin/slurmctld || fail "slurmctld did not start (see /var/log/slurm/slurmctld.log)"
/usr/sbin/slurmd || fail "slurmd did not start (see /var/log/slurm/slurmd.log)"
sleep 0.5
pgrep -x slurmctld >> "$state/pids"
pgrep -x slurmd >> "$state/pids"
for _ in $(seq 1 60); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then exit 0; fi
  sleep 0.5
done
fail "the node did not come up idle within 30 s (sinfo: $(sinfo -h 2>&1 | head -1))"
