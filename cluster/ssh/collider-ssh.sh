#!/usr/bin/env bash
# Start and stop collider workers on the hosts of a hosts file over ssh, with CURVE keys.
#
#   cluster/ssh/collider-ssh.sh keys    HOSTS   make the coordinator's key pair and one per host
#   cluster/ssh/collider-ssh.sh start   HOSTS   copy keys, start the workers (one per host line)
#   cluster/ssh/collider-ssh.sh stop    HOSTS   SIGTERM the workers (they checkpoint and leave)
#   cluster/ssh/collider-ssh.sh status  HOSTS   show which workers run
#
# HOSTS has one worker host per line: `[user@]host [slots]` (slots default 1); `#` starts a comment.
# Environment (the defaults suit a coordinator started on this machine):
#   COLLIDER_COORDINATOR  tcp://HOST:PORT the workers connect to (required for start)
#   COLLIDER_KEYS         where keys are kept here (default cluster/ssh/keys; keep it private)
#   COLLIDER_REMOTE_BIN   collider on the worker hosts (default: collider, from their PATH)
#   COLLIDER_REMOTE_DIR   the workers' folder on their hosts (default: ~/collider-worker)
#   COLLIDER_FORWARD_ENV  names of environment variables (API keys) copied to each host's
#                         REMOTE_DIR/env, mode 0600, over ssh's standard input — never on a command line
#   SSH                   the ssh command (default: ssh -o BatchMode=yes)
#
# The coordinator then runs with the keys this script made:
#   collider coordinator CONFIG --bind tcp://0.0.0.0:5555 \
#       --curve-secret-key "$COLLIDER_KEYS/coordinator.key" --allow-keys "$COLLIDER_KEYS/workers"
set -euo pipefail

KEYS=${COLLIDER_KEYS:-$(dirname "$0")/keys}
REMOTE_BIN=${COLLIDER_REMOTE_BIN:-collider}
REMOTE_DIR=${COLLIDER_REMOTE_DIR:-collider-worker}
COLLIDER=${COLLIDER:-collider}
read -r -a SSH_CMD <<<"${SSH:-ssh -o BatchMode=yes}"

say() { echo "collider-ssh: $*" >&2; }
die() { say "$*"; exit 2; }

# Prints `host slots` for every host line of the file, checking each line.
hosts() {
    local file=$1 n=0 line host slots rest
    [ -f "$file" ] || die "$file: no such hosts file; write one host per line: [user@]host [slots]"
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        line=${line%%#*}
        read -r host slots rest <<<"$line" || true
        [ -z "${host:-}" ] && continue
        [ -z "${rest:-}" ] || die "$file:$n: expected \`[user@]host [slots]\`, found extra text \"$rest\""
        slots=${slots:-1}
        [[ $slots =~ ^[1-9][0-9]*$ ]] || die "$file:$n: slots \"$slots\" must be a positive whole number"
        echo "$host $slots"
    done <"$file"
}

# A file-name-safe worker name for a host: user@host.example → host.example.
name_of() { local host=${1#*@}; echo "${host//[^A-Za-z0-9._-]/_}"; }

remote() { local host=$1; shift; "${SSH_CMD[@]}" "$host" "$@"; }

# The checked host list; ssh reads standard input, so loops read it on descriptor 3.
LIST=""
load() { LIST=$(hosts "$1") || exit 2; [ -n "$LIST" ] || die "$1: no hosts"; }

cmd_keys() {
    local file=$1 host slots
    mkdir -p "$KEYS/workers" "$KEYS/private"
    chmod 700 "$KEYS" "$KEYS/private"
    [ -f "$KEYS/coordinator.key" ] || "$COLLIDER" keys generate --out "$KEYS" --name coordinator >/dev/null
    load "$file"
    while read -r host slots <&3; do
        local name; name=$(name_of "$host")
        if [ ! -f "$KEYS/private/$name.key" ]; then
            "$COLLIDER" keys generate --out "$KEYS/private" --name "$name" >/dev/null
            mv "$KEYS/private/$name.pub" "$KEYS/workers/$name.pub"
        fi
    done 3<<<"$LIST"
    say "keys in $KEYS: coordinator.key (stays here), workers/*.pub (the allow-list), private/*.key (one per host)"
}

cmd_start() {
    local file=$1 host slots
    [ -n "${COLLIDER_COORDINATOR:-}" ] || die "set COLLIDER_COORDINATOR=tcp://HOST:PORT (the coordinator's --bind address as the workers reach it)"
    [ -f "$KEYS/coordinator.pub" ] || die "$KEYS/coordinator.pub is missing; run \`$0 keys $file\` first"
    load "$file"
    while read -r host slots <&3; do
        local name; name=$(name_of "$host")
        [ -f "$KEYS/private/$name.key" ] || die "$KEYS/private/$name.key is missing; run \`$0 keys $file\` again"
        remote "$host" "mkdir -p $REMOTE_DIR && chmod 700 $REMOTE_DIR"
        remote "$host" "umask 077 && cat > $REMOTE_DIR/worker.key" <"$KEYS/private/$name.key"
        remote "$host" "cat > $REMOTE_DIR/coordinator.pub" <"$KEYS/coordinator.pub"
        local var
        for var in ${COLLIDER_FORWARD_ENV:-}; do
            [ -n "${!var:-}" ] || die "COLLIDER_FORWARD_ENV names $var, but it is not set here"
            printf 'export %s=%q\n' "$var" "${!var}"
        done | remote "$host" "umask 077 && cat > $REMOTE_DIR/env"
        # The braces keep `&` to the worker alone, so `$!` is its pid and worker.pid lands in REMOTE_DIR.
        remote "$host" "cd $REMOTE_DIR && . ./env && { nohup $REMOTE_BIN worker --connect $COLLIDER_COORDINATOR \
            --slots $slots --id $name --results results --curve-server-key coordinator.pub \
            --curve-keypair worker.key >worker.log 2>&1 </dev/null & echo \$! > worker.pid; }"
        say "$host: worker $name started with $slots slots"
    done 3<<<"$LIST"
}

cmd_stop() {
    local file=$1 host slots
    load "$file"
    while read -r host slots <&3; do
        if remote "$host" "cd $REMOTE_DIR 2>/dev/null && [ -f worker.pid ] && kill -TERM \$(cat worker.pid) 2>/dev/null"; then
            remote "$host" "rm -f $REMOTE_DIR/worker.pid"
            say "$host: stopped (the worker checkpoints its tasks and leaves)"
        else
            say "$host: no worker running"
        fi
    done 3<<<"$LIST"
}

cmd_status() {
    local file=$1 host slots
    load "$file"
    while read -r host slots <&3; do
        if remote "$host" "cd $REMOTE_DIR 2>/dev/null && [ -f worker.pid ] && kill -0 \$(cat worker.pid) 2>/dev/null"; then
            echo "$host running"
        else
            echo "$host stopped"
        fi
    done 3<<<"$LIST"
}

[ $# -eq 2 ] || die "usage: $0 keys|start|stop|status HOSTS"
case $1 in
    keys) cmd_keys "$2" ;;
    start) cmd_start "$2" ;;
    stop) cmd_stop "$2" ;;
    status) cmd_status "$2" ;;
    *) die "unknown command \"$1\"; use keys, start, stop or status" ;;
esac
