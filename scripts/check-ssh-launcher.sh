#!/usr/bin/env bash
# Runs cluster/ssh/collider-ssh.sh for real: a private sshd on 127.0.0.1 stands in for a worker
# host, and a CURVE-secured sweep on a simulated provider runs through the workers it starts.
#   scripts/check-ssh-launcher.sh [COLLIDER]     (default .build/debug/collider; needs root)
# Checks: `keys` makes the coordinator's key and the host's; `start` copies them and starts a worker
# that the CURVE coordinator admits; `status` sees it; `stop` SIGTERMs it mid-sweep (it leaves, its
# lease goes back); a second `start` finishes the sweep; a forwarded secret reaches the host only in
# its 0600 env file. Everything it starts is stopped and its folder removed on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."

collider=$(realpath "${1:-.build/debug/collider}")
say() { echo "check-ssh-launcher: $*"; }
fail() { say "FAILED: $*"; exit 1; }
if [ "$(id -u)" -ne 0 ] || [ ! -x /usr/sbin/sshd ]; then
    say "needs root and /usr/sbin/sshd (openssh-server); not run"
    [ "${CI:-}" = true ] && exit 1
    exit 0
fi
[ -x "$collider" ] || fail "$collider is not built (swift build)"

work=$(mktemp -d /tmp/collider-ssh-check.XXXXXX)
pids=()
cleanup() {
    [ -f "$work/sshd.pid" ] && pids+=("$(cat "$work/sshd.pid")")
    [ -f "$work/remote/worker.pid" ] && pids+=("$(cat "$work/remote/worker.pid")")
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_for() {
    local tenths=$1; shift
    for _ in $(seq "$tenths"); do "$@" && return 0; sleep 0.1; done
    return 1
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# The first line of file $1 that starts with $2, without that prefix (empty when there is none).
line_after() { sed -n "s#^$2##p" "$1" | head -1; }

# A private sshd on loopback that admits one key, for root.
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
cp "$work/client_key.pub" "$work/authorized_keys"
port=$(free_port)
cat >"$work/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log" || fail "sshd did not start: $(cat "$work/sshd.log")"
export SSH="ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $port -i $work/client_key"
# shellcheck disable=SC2086  # SSH is a command line, as collider-ssh.sh reads it
wait_for 50 $SSH root@127.0.0.1 true || fail "ssh to the private sshd failed: $(cat "$work/sshd.log")"
say "sshd on 127.0.0.1:$port"

# The simulated provider, slow enough that the sweep is still running when its worker is stopped.
"$collider" sim-provider --port 0 --latency-ms 40,80 >"$work/sim.out" 2>"$work/sim.log" &
pids+=($!)
wait_for 300 grep -q "^listening on " "$work/sim.out" || fail "the simulated provider did not start: $(cat "$work/sim.log")"
sim_url=$(line_after "$work/sim.out" "listening on ")

# Two runs of the quickstart sweep, its `sim` endpoint pointed at that provider.
data=$(realpath data/synthetic.jsonl)
sed -e "s#kind: sim .*#kind: openai\n    base_url: $sim_url#" -e "s#path: ../data/synthetic.jsonl#path: $data#" \
    -e "s#modes: \[.*\]#modes: [SSS, CCC]#" -e "s#gates: \[.*\]#gates: [mae]#" -e "s#seeds: \[.*\]#seeds: [1]#" \
    -e "s#cherry_pick: true#cherry_pick: false#" -e "s#gradient_specificity: true#gradient_specificity: false#" \
    -e "s#feedback_adherence: true#feedback_adherence: false#" configs/quickstart.yaml >"$work/sweep.yaml"

launcher=cluster/ssh/collider-ssh.sh
export COLLIDER="$collider" COLLIDER_REMOTE_BIN="$collider" COLLIDER_REMOTE_DIR="$work/remote"
export COLLIDER_KEYS="$work/keys" COLLIDER_FORWARD_ENV=CHECK_SSH_SECRET
CHECK_SSH_SECRET="not-a-key-$RANDOM$RANDOM$RANDOM"
export CHECK_SSH_SECRET
echo "root@127.0.0.1 2   # the worker host, two slots" >"$work/hosts"

"$launcher" keys "$work/hosts"
for key in coordinator.key workers/127.0.0.1.pub private/127.0.0.1.key; do
    [ -f "$work/keys/$key" ] || fail "keys did not make $key"
done

"$collider" coordinator "$work/sweep.yaml" --bind 'tcp://127.0.0.1:*' --results "$work/results" \
    --curve-secret-key "$work/keys/coordinator.key" --allow-keys "$work/keys/workers" >"$work/coordinator.out" 2>"$work/coordinator.log" &
coordinator=$!
pids+=("$coordinator")
wait_for 600 grep -q "^coordinator listening on " "$work/coordinator.out" || fail "the coordinator did not start: $(cat "$work/coordinator.log")"
export COLLIDER_COORDINATOR
COLLIDER_COORDINATOR=$(line_after "$work/coordinator.out" "coordinator listening on ")
say "coordinator on $COLLIDER_COORDINATOR with CURVE"

"$launcher" start "$work/hosts"
[ "$("$launcher" status "$work/hosts")" = "root@127.0.0.1 running" ] \
    || fail "status does not show the started worker: $(cat "$work/remote/worker.log")"
[ "$(stat -c %a "$work/remote/env")" = 600 ] || fail "the forwarded env file is not mode 0600"
grep -q "$CHECK_SSH_SECRET" "$work/remote/env" || fail "the forwarded secret is not in the host's env file"

# Stopped once it has a run under way, then started again to finish the sweep.
wait_for 1200 compgen -G "$work/remote/results/runs/*/steps.jsonl" >/dev/null || fail "the worker ran nothing: $(cat "$work/remote/worker.log")"
"$launcher" stop "$work/hosts"
wait_for 300 bash -c "[ \"\$(\"$launcher\" status \"$work/hosts\")\" = 'root@127.0.0.1 stopped' ]" || fail "stop left the worker running"
grep -q "sweep completed" "$work/coordinator.out" && fail "the sweep finished before its worker was stopped; nothing was checked"
"$launcher" start "$work/hosts"
wait_for 3000 bash -c "! kill -0 $coordinator 2>/dev/null" || fail "the sweep did not finish in 300 s"
wait "$coordinator" || fail "the coordinator exited with $?: $(tail -5 "$work/coordinator.log")"
grep -q "sweep completed: done 2;" "$work/coordinator.out" || fail "the sweep did not complete: $(cat "$work/coordinator.out")"
wait_for 100 bash -c "[ \"\$(\"$launcher\" status \"$work/hosts\")\" = 'root@127.0.0.1 stopped' ]" || fail "the worker did not leave after the sweep"

if grep -rqs "$CHECK_SSH_SECRET" "$work/results" "$work/remote/results" "$work"/*.log "$work"/*.out "$work/remote/worker.log"; then
    fail "the forwarded secret appears outside the host's env file"
fi
say "ok: keys, start, status, stop mid-sweep and start again over real ssh; the CURVE sweep completed ($(grep -m1 'sweep completed' "$work/coordinator.out"))"
