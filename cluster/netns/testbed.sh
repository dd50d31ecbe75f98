#!/usr/bin/env bash
# A multi-host testbed on one machine: network namespaces joined by veth links on a private bridge.
#
#   testbed.sh up                 make the hosts (needs root / CAP_NET_ADMIN)
#   testbed.sh run CONFIG         start a CURVE-secured sweep of CONFIG across them (background)
#   testbed.sh wait               wait for the coordinator to finish; print its exit status
#   testbed.sh cut HOST           take HOST's link down (its packets are dropped, sockets stay open)
#   testbed.sh restore HOST       bring the link back
#   testbed.sh kill HOST PROC     SIGKILL PROC (coordinator|worker|provider) on HOST
#   testbed.sh start HOST PROC    start PROC on HOST again (a coordinator restart resumes the sweep)
#   testbed.sh exec HOST CMD…     run a command on HOST
#   testbed.sh down               stop everything, delete the namespaces (always safe to run)
#
# Hosts: coord 10.77.0.10 (coordinator, port 5555), w1 w2 w3 10.77.0.11–13 (one worker each, 2 slots),
# prov 10.77.0.20 (the simulated provider, port 8000). Every namespace, link and address is private to
# this testbed (names start with `cl-`); nothing reaches the machine's own network. The switch is a
# bridge inside a namespace of its own, so the machine's interfaces are never touched.
#
# Environment:
#   COLLIDER          the collider binary (default: the newer of .build/release and .build/debug)
#   TESTBED_DIR       state: keys, logs, pid files, results (default /tmp/collider-testbed)
#   TESTBED_SIM_ARGS  extra `collider sim-provider` options, e.g. "--fault-rate 0.02 --rpm 60000"
#   TESTBED_COORDINATOR_ARGS  extra `collider coordinator` options, e.g. "--heartbeat-interval 0.5 --liveness 6"
#   TESTBED_WORKER_ARGS       extra `collider worker` options, e.g. "--heartbeat 0.5"
#   TESTBED_WORKERS   worker hosts (default "w1 w2 w3")
set -euo pipefail

DIR=${TESTBED_DIR:-/tmp/collider-testbed}
WORKERS=${TESTBED_WORKERS:-w1 w2 w3}
HOSTS="coord $WORKERS prov"
SWITCH=cl-switch
PORT=5555
SIM_PORT=8000

say() { echo "testbed: $*" >&2; }
die() { say "$*"; exit 2; }

collider_bin() {
    if [ -n "${COLLIDER:-}" ]; then echo "$COLLIDER"; return; fi
    # The newer of the release and debug builds.
    local found
    found=$(find .build/release/collider .build/debug/collider -maxdepth 0 -printf '%T@ %p\n' 2>/dev/null \
        | sort -rn | head -n 1 | cut -d' ' -f2-)
    [ -n "$found" ] || die "no collider binary: build it (swift build -c release --product collider) or set COLLIDER"
    realpath "$found"
}

address() {
    case $1 in
        coord) echo 10.77.0.10 ;;
        w[1-9]) echo "10.77.0.1${1#w}" ;;
        prov) echo 10.77.0.20 ;;
        *) die "unknown host \"$1\"; hosts are: $HOSTS" ;;
    esac
}

ns() { echo "cl-$1"; }
on() { local host=$1; shift; ip netns exec "$(ns "$host")" "$@"; }

cmd_up() {
    [ "$(id -u)" -eq 0 ] || die "network namespaces need root (or CAP_NET_ADMIN); run with sudo"
    cmd_down 2>/dev/null || true
    mkdir -p "$DIR"/{logs,pids}
    ip netns add "$SWITCH"
    ip -n "$SWITCH" link add br0 type bridge
    ip -n "$SWITCH" link set br0 up
    ip -n "$SWITCH" link set lo up
    local host
    for host in $HOSTS; do
        ip netns add "$(ns "$host")"
        ip link add "cl-$host" netns "$SWITCH" type veth peer name eth0 netns "$(ns "$host")"
        ip -n "$SWITCH" link set "cl-$host" master br0 up
        ip -n "$(ns "$host")" addr add "$(address "$host")/24" dev eth0
        ip -n "$(ns "$host")" link set eth0 up
        ip -n "$(ns "$host")" link set lo up
    done
    say "up: $HOSTS on 10.77.0.0/24 (state in $DIR)"
}

cmd_down() {
    local pidfile
    for pidfile in "$DIR"/pids/*.pid; do
        [ -f "$pidfile" ] || continue
        kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    done
    local name
    for name in $(ip netns list | awk '{print $1}' | grep '^cl-' || true); do
        # Anything still running inside dies with its namespace's processes.
        ip netns pids "$name" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
        ip netns del "$name"
    done
    say "down"
}

keys() {
    local bin=$1
    [ -f "$DIR/keys/coordinator.key" ] && return
    mkdir -p "$DIR/keys/workers" "$DIR/keys/private"
    "$bin" keys generate --out "$DIR/keys" --name coordinator >/dev/null
    local host
    for host in $WORKERS; do
        "$bin" keys generate --out "$DIR/keys/private" --name "$host" >/dev/null
        mv "$DIR/keys/private/$host.pub" "$DIR/keys/workers/$host.pub"
    done
}

# Starts PROC on HOST in the background, its pid in DIR/pids/HOST-PROC.pid.
cmd_start() {
    local host=$1 proc=$2 bin; bin=$(collider_bin)
    local log="$DIR/logs/$host-$proc.log" pidfile="$DIR/pids/$host-$proc.pid"
    local -a args
    # shellcheck disable=SC2206  # the TESTBED_*_ARGS are lists of options
    case $proc in
        provider)
            args=(sim-provider --host "$(address prov)" --port "$SIM_PORT" ${TESTBED_SIM_ARGS:-}) ;;
        coordinator)
            args=(coordinator "$DIR/sweep.yaml" --bind "tcp://$(address coord):$PORT" --results "$DIR/results"
                --curve-secret-key "$DIR/keys/coordinator.key" --allow-keys "$DIR/keys/workers"
                ${TESTBED_COORDINATOR_ARGS:-}) ;;
        worker)
            args=(worker --connect "tcp://$(address coord):$PORT" --slots 2 --id "$host" --results "$DIR/$host/results"
                --curve-server-key "$DIR/keys/coordinator.pub" --curve-keypair "$DIR/keys/private/$host.key"
                ${TESTBED_WORKER_ARGS:-}) ;;
        *) die "unknown process \"$proc\"; use coordinator, worker or provider" ;;
    esac
    # Started directly (not through a shell function, which would fork a subshell), so the pid is
    # the process itself: `ip netns exec` execs the command.
    ip netns exec "$(ns "$host")" "$bin" "${args[@]}" >>"$log" 2>&1 &
    echo $! >"$pidfile"
}

cmd_run() {
    local config=$1 bin; bin=$(collider_bin)
    [ -f "$config" ] || die "$config: no such config"
    ip netns list | grep -q "^$(ns coord)" || die "the testbed is not up; run \`$0 up\` first"
    keys "$bin"
    # The config's `kind: sim` endpoints become the provider host.
    sed "s#kind: sim#kind: openai\n    base_url: http://$(address prov):$SIM_PORT/v1#" "$config" >"$DIR/sweep.yaml"
    local data; data=$(grep -m1 -E '^\s+path:' "$config" | sed -E 's/^\s+path:\s*([^ #]+).*/\1/')
    if [ -n "$data" ] && [ "${data#/}" = "$data" ]; then
        sed -i "s#path: $data#path: $(cd "$(dirname "$config")" && realpath "$data")#" "$DIR/sweep.yaml"
    fi
    cmd_start prov provider
    for _ in $(seq 1 100); do
        on prov bash -c "exec 3<>/dev/tcp/$(address prov)/$SIM_PORT" 2>/dev/null && break
        sleep 0.1
    done
    cmd_start coord coordinator
    local host
    for host in $WORKERS; do cmd_start "$host" worker; done
    say "sweep running: logs in $DIR/logs, results in $DIR/results"
}

cmd_wait() {
    local pid; pid=$(cat "$DIR/pids/coord-coordinator.pid")
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    say "coordinator exited"
}

link() { address "$1" >/dev/null; ip -n "$SWITCH" link set "cl-$1" "$2"; }
cmd_cut() { link "$1" down; say "cut $1"; }
cmd_restore() { link "$1" up; say "restored $1"; }

cmd_kill() {
    local pidfile="$DIR/pids/$1-$2.pid"
    [ -f "$pidfile" ] || die "no $2 was started on $1"
    kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
    say "killed $2 on $1"
}

[ $# -ge 1 ] || die "usage: $0 up|run CONFIG|wait|cut HOST|restore HOST|kill HOST PROC|start HOST PROC|exec HOST CMD…|down"
command=$1; shift
case $command in
    up) cmd_up ;;
    down) cmd_down ;;
    run) [ $# -eq 1 ] || die "usage: $0 run CONFIG"; cmd_run "$1" ;;
    wait) cmd_wait ;;
    cut) [ $# -eq 1 ] || die "usage: $0 cut HOST"; cmd_cut "$1" ;;
    restore) [ $# -eq 1 ] || die "usage: $0 restore HOST"; cmd_restore "$1" ;;
    kill) [ $# -eq 2 ] || die "usage: $0 kill HOST PROC"; cmd_kill "$1" "$2" ;;
    start) [ $# -eq 2 ] || die "usage: $0 start HOST PROC"; cmd_start "$1" "$2" ;;
    exec) [ $# -ge 2 ] || die "usage: $0 exec HOST CMD…"; on "$@" ;;
    *) die "unknown command \"$command\"" ;;
esac
