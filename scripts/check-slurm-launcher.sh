#!/usr/bin/env bash
# Runs cluster/slurm/workers.sbatch for real: a one-node Slurm cluster (munged, slurmctld and
# slurmd from Debian, configured in a scratch folder, ports on 127.0.0.1) runs the job array of
# workers against a CURVE coordinator on a simulated provider.
#   scripts/check-slurm-launcher.sh [COLLIDER]     (default .build/debug/collider; needs root)
# Checks: keys made as the script's header says; `sbatch --array=0-1` starts two workers the
# coordinator admits; `scancel` mid-sweep (the provider frozen meanwhile, so the sweep cannot end
# first) SIGTERMs them (they leave, their leases go back, no process survives the job); a second
# array finishes the sweep, and its workers end their jobs once the coordinator drains them.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK=check-slurm-launcher
. scripts/lib/launcher-check.sh

require_root_and munged slurmctld slurmd sbatch squeue scancel
COLLIDER=$(realpath "${1:-.build/debug/collider}")
[ -x "$COLLIDER" ] || fail "$COLLIDER is not built (swift build)"
make_work
# True when no worker of job array $1 runs (workers.sbatch names each --id slurm-JOB-TASK).
no_workers_of() { ! pgrep -f -- "--id slur[m]-$1-" >/dev/null; }
cancel_jobs() { scancel --user=root 2>/dev/null; sleep 1; }
BEFORE_CLEANUP=cancel_jobs

# One node, this machine: munge for authentication, the controller and the node daemon.
dd if=/dev/urandom of="$WORK/munge.key" bs=128 count=1 status=none
chmod 600 "$WORK/munge.key"
munged --force --key-file="$WORK/munge.key" --socket="$WORK/munge.sock" --pid-file="$WORK/munged.pid" \
    --log-file="$WORK/munged.log" --seed-file="$WORK/munged.seed" || fail "munged did not start"
mkdir -p "$WORK/state" "$WORK/spool" "$WORK/scratch"
export SLURM_CONF="$WORK/slurm.conf"
cat >"$SLURM_CONF" <<CONFIG
ClusterName=collidercheck
SlurmctldHost=localhost
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$WORK/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
KillWait=120
NodeName=localhost CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=check Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONFIG
slurmctld -c -f "$SLURM_CONF" || fail "slurmctld did not start: $(cat "$WORK/slurmctld.log")"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start: $(cat "$WORK/slurmd.log")"
wait_for 300 bash -c "sinfo -h -o %t 2>/dev/null | grep -qx idle" || fail "the node never came up: $(tail -5 "$WORK/slurmd.log")"
say "one-node Slurm up ($(sinfo -h -o '%P %D %t'))"

# Keys as the script's header tells a user to make them.
keys="$WORK/keys"
"$COLLIDER" keys generate --out "$keys" --name coordinator >/dev/null
"$COLLIDER" keys generate --out "$keys" --name slurm-workers >/dev/null
mkdir -p "$keys/workers" && mv "$keys/slurm-workers.pub" "$keys/workers/"
start_sim_and_config
start_coordinator "$keys/coordinator.key" "$keys/workers"

# The job array (one CPU and little memory per worker: the node is this machine).
submit() {
    sbatch --parsable --array=0-1 --cpus-per-task=1 --mem=200M --chdir="$WORK" \
        --export="ALL,COLLIDER_COORDINATOR=$COLLIDER_COORDINATOR,COLLIDER_KEYS=$keys,COLLIDER=$COLLIDER,TMPDIR=$WORK/scratch" \
        cluster/slurm/workers.sbatch
}
first=$(submit) || fail "sbatch refused the job array"
say "job array $first submitted"
wait_for 1200 compgen -G "$WORK/scratch/collider-$first-*/results/runs/*/steps.jsonl" >/dev/null \
    || fail "the array's workers ran nothing: $(cat "$WORK"/collider-worker-"$first"_*.log 2>/dev/null)"
freeze_sim
scancel "$first"
# KillWait is 120 s: a worker that ignored the SIGTERM would still be running when this gives up.
wait_for 600 bash -c "! squeue -h -j $first 2>/dev/null | grep -q ." \
    || fail "scancel left job $first running for 60 s: its workers ignored the SIGTERM"
wait_for 600 no_workers_of "$first" || fail "job $first left squeue but its workers still run: $(pgrep -af -- "--id slur[m]-$first-")"
expect_sweep_running
thaw_sim

second=$(submit) || fail "sbatch refused the second job array"
expect_sweep_completes
wait_for 300 bash -c "! squeue -h -j $second 2>/dev/null | grep -q ." || fail "the workers of job $second did not end after the sweep"
if grep -l "error" "$WORK"/collider-worker-"$second"_*.log 2>/dev/null; then
    fail "a worker of job $second logged an error: $(cat "$WORK"/collider-worker-"$second"_*.log)"
fi
say "ok: a job array, scancel mid-sweep and a second array under real Slurm; the CURVE sweep completed ($(grep -m1 'sweep completed' "$WORK/coordinator.out"))"
