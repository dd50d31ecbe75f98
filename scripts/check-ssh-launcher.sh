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
CHECK=check-ssh-launcher
. scripts/lib/launcher-check.sh

require_root_and /usr/sbin/sshd ssh ssh-keygen
COLLIDER=$(realpath "${1:-.build/debug/collider}")
[ -x "$COLLIDER" ] || fail "$COLLIDER is not built (swift build)"
make_work
stop_remote_worker() { [ -f "$WORK/remote/worker.pid" ] && kill -9 "$(cat "$WORK/remote/worker.pid")" 2>/dev/null; }
BEFORE_CLEANUP=stop_remote_worker

# A private sshd on loopback that admits one key, for root.
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
port=$(free_port)
cat >"$WORK/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CONFIG
mkdir -p /run/sshd
/usr/sbin/sshd -f "$WORK/sshd_config" -E "$WORK/sshd.log" || fail "sshd did not start: $(cat "$WORK/sshd.log")"
export SSH="ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $port -i $WORK/client_key"
# shellcheck disable=SC2086  # SSH is a command line, as collider-ssh.sh reads it
wait_for 50 $SSH root@127.0.0.1 true || fail "ssh to the private sshd failed: $(cat "$WORK/sshd.log")"
say "sshd on 127.0.0.1:$port"

start_sim_and_config
launcher=cluster/ssh/collider-ssh.sh
export COLLIDER COLLIDER_REMOTE_BIN="$COLLIDER" COLLIDER_REMOTE_DIR="$WORK/remote"
export COLLIDER_KEYS="$WORK/keys" COLLIDER_FORWARD_ENV=CHECK_SSH_SECRET
CHECK_SSH_SECRET="not-a-key-$RANDOM$RANDOM$RANDOM"
export CHECK_SSH_SECRET
echo "root@127.0.0.1 2   # the worker host, two slots" >"$WORK/hosts"
status_is() { [ "$("$launcher" status "$WORK/hosts")" = "root@127.0.0.1 $1" ]; }

"$launcher" keys "$WORK/hosts"
for key in coordinator.key workers/127.0.0.1.pub private/127.0.0.1.key; do
    [ -f "$WORK/keys/$key" ] || fail "keys did not make $key"
done
start_coordinator "$WORK/keys/coordinator.key" "$WORK/keys/workers"

"$launcher" start "$WORK/hosts"
status_is running || fail "status does not show the started worker: $(cat "$WORK/remote/worker.log")"
[ "$(stat -c %a "$WORK/remote/env")" = 600 ] || fail "the forwarded env file is not mode 0600"
grep -q "$CHECK_SSH_SECRET" "$WORK/remote/env" || fail "the forwarded secret is not in the host's env file"

# Stopped once it has a run under way, then started again to finish the sweep.
wait_for 1200 compgen -G "$WORK/remote/results/runs/*/steps.jsonl" >/dev/null || fail "the worker ran nothing: $(cat "$WORK/remote/worker.log")"
freeze_sim
"$launcher" stop "$WORK/hosts"
wait_for 300 status_is stopped || fail "stop left the worker running"
expect_sweep_running
thaw_sim
"$launcher" start "$WORK/hosts"
expect_sweep_completes
wait_for 100 status_is stopped || fail "the worker did not leave after the sweep"

if grep -rqs "$CHECK_SSH_SECRET" "$WORK/results" "$WORK/remote/results" "$WORK"/*.log "$WORK"/*.out "$WORK/remote/worker.log"; then
    fail "the forwarded secret appears outside the host's env file"
fi
say "ok: keys, start, status, stop mid-sweep and start again over real ssh; the CURVE sweep completed ($(grep -m1 'sweep completed' "$WORK/coordinator.out"))"
