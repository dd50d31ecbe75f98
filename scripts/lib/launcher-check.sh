# shellcheck shell=bash
# Shared by scripts/check-ssh-launcher.sh and scripts/check-slurm-launcher.sh: a scratch folder
# that is removed with everything started from it, a simulated provider, a two-run CURVE sweep on
# it and the coordinator that serves it. Source it after `set -euo pipefail` and setting CHECK.

say() { echo "$CHECK: $*"; }
fail() { say "FAILED: $*"; exit 1; }

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_for() {
    local tenths=$1; shift
    for _ in $(seq "$tenths"); do "$@" && return 0; sleep 0.1; done
    return 1
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# The first line of file $1 that starts with $2, without that prefix (empty when there is none).
line_after() { sed -n "s#^$2##p" "$1" | head -1; }

# Needs root (daemons, /run) and the given executables; says why not and, under CI=true, fails.
require_root_and() {
    local missing=()
    for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    if [ "$(id -u)" -ne 0 ] || [ ${#missing[@]} -gt 0 ]; then
        say "needs root and ${*}; missing: ${missing[*]:-root}; not run"
        [ "${CI:-}" = true ] && exit 1
        exit 0
    fi
}

# Makes $WORK and, on any exit, stops every process whose command line names it (the sweep's
# processes all do) plus those listed in EXTRA_PIDS, then removes it (kept when KEEP is set).
make_work() {
    WORK=$(mktemp -d "/tmp/collider-$CHECK.XXXXXX")
    EXTRA_PIDS=()
    trap cleanup_work EXIT
}
cleanup_work() {
    local status=$?
    if [ -n "${BEFORE_CLEANUP:-}" ]; then "$BEFORE_CLEANUP" || true; fi
    pkill -f "$WORK" 2>/dev/null || true
    for pid in "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    pkill -9 -f "$WORK" 2>/dev/null || true
    for pid in "${EXTRA_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    [ -n "${KEEP:-}" ] || rm -rf "$WORK"
    exit "$status"
}

# Starts the simulated provider (SIM_PID) and writes $WORK/sweep.yaml: two runs of the quickstart
# sweep on it, no analyses.
start_sim_and_config() {
    "$COLLIDER" sim-provider --port 0 --latency-ms 40,80 >"$WORK/sim.out" 2>"$WORK/sim.log" &
    SIM_PID=$!
    EXTRA_PIDS+=("$SIM_PID")
    wait_for 300 grep -q "^listening on " "$WORK/sim.out" || fail "the simulated provider did not start: $(cat "$WORK/sim.log")"
    local sim_url data
    sim_url=$(line_after "$WORK/sim.out" "listening on ")
    data=$(realpath data/synthetic.jsonl)
    sed -e "s#kind: sim .*#kind: openai\n    base_url: $sim_url#" -e "s#path: ../data/synthetic.jsonl#path: $data#" \
        -e "s#modes: \[.*\]#modes: [SSS, CCC]#" -e "s#gates: \[.*\]#gates: [mae]#" -e "s#seeds: \[.*\]#seeds: [1]#" \
        -e "s#cherry_pick: true#cherry_pick: false#" -e "s#gradient_specificity: true#gradient_specificity: false#" \
        -e "s#feedback_adherence: true#feedback_adherence: false#" configs/quickstart.yaml >"$WORK/sweep.yaml"
}

# Starts a CURVE coordinator for $WORK/sweep.yaml with secret key $1 and allow-list folder $2;
# sets COORDINATOR_PID and COLLIDER_COORDINATOR (its tcp:// address).
start_coordinator() {
    "$COLLIDER" coordinator "$WORK/sweep.yaml" --bind 'tcp://127.0.0.1:*' --results "$WORK/results" \
        --curve-secret-key "$1" --allow-keys "$2" >"$WORK/coordinator.out" 2>"$WORK/coordinator.log" &
    COORDINATOR_PID=$!
    wait_for 600 grep -q "^coordinator listening on " "$WORK/coordinator.out" \
        || fail "the coordinator did not start: $(cat "$WORK/coordinator.log")"
    COLLIDER_COORDINATOR=$(line_after "$WORK/coordinator.out" "coordinator listening on ")
    export COLLIDER_COORDINATOR
    say "coordinator on $COLLIDER_COORDINATOR with CURVE"
}

# Freezes the simulated provider (SIGSTOP): no call gets a reply, so no run can finish while its
# workers are being stopped, however long the launcher takes to stop them. Calls in flight hang,
# which a leaving worker must cancel anyway.
freeze_sim() { kill -STOP "$SIM_PID"; }
# Lets the frozen provider answer again; its held calls were cancelled by the workers that left.
thaw_sim() { kill -CONT "$SIM_PID"; }

# Fails if the sweep finished already (a stop in its middle would check nothing).
expect_sweep_running() {
    if grep -q "sweep completed" "$WORK/coordinator.out"; then fail "the sweep finished before its workers were stopped; nothing was checked"; fi
}

# Waits (at most 300 s) for the coordinator to end the sweep, and checks both runs are done.
expect_sweep_completes() {
    wait_for 3000 bash -c "! kill -0 $COORDINATOR_PID 2>/dev/null" || fail "the sweep did not finish in 300 s"
    wait "$COORDINATOR_PID" || fail "the coordinator exited with $?: $(tail -5 "$WORK/coordinator.log")"
    grep -q "sweep completed: done 2;" "$WORK/coordinator.out" || fail "the sweep did not complete: $(cat "$WORK/coordinator.out")"
}
