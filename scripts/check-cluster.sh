#!/usr/bin/env bash
# Checks the launch recipes in cluster/ as far as this machine allows:
#   shell scripts   bash -n and shellcheck, those of scripts/ (the checks themselves) too
#   Kubernetes      kubectl kustomize (when kubectl is installed) and kubernetes-validate --strict
#                   (from PyPI, installed into a private venv) on the rendered or raw manifests
#   systemd units   systemd-analyze verify (when installed), the missing binary excepted
# With CI=true, shellcheck and kubernetes-validate are required; the others are used when present.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
say() { echo "check-cluster: $*"; }
fail() { say "FAILED: $*"; failed=1; }
required() { if [ "${CI:-}" = true ]; then fail "$1 is not installed"; else say "skipped: $1 is not installed"; fi; }

scripts=(cluster/*.sh cluster/*/*.sh cluster/slurm/*.sbatch scripts/*.sh scripts/lib/*.sh)
for script in "${scripts[@]}"; do bash -n "$script" || fail "bash -n $script"; done
if command -v shellcheck >/dev/null; then
    if shellcheck -x "${scripts[@]}"; then say "shellcheck: ${#scripts[@]} scripts clean"; else fail "shellcheck"; fi
else
    required shellcheck
fi

VENV=${COLLIDER_TOOLS_VENV:-$HOME/.cache/collider/tools-venv}
if [ ! -x "$VENV/bin/kubernetes-validate" ]; then
    if python3 -m venv "$VENV" >/dev/null 2>&1; then
        "$VENV/bin/pip" install -q kubernetes-validate==1.37.0 >/dev/null 2>&1 || say "pip could not install kubernetes-validate"
    fi
fi
if [ -x "$VENV/bin/kubernetes-validate" ]; then
    manifests=$(mktemp -d)
    trap 'rm -rf "$manifests"' EXIT
    if command -v kubectl >/dev/null; then
        kubectl kustomize cluster/k8s >"$manifests/all.yaml" || fail "kubectl kustomize cluster/k8s"
        say "kustomize: cluster/k8s renders"
    else
        cp cluster/k8s/namespace.yaml cluster/k8s/coordinator.yaml cluster/k8s/workers.yaml "$manifests/"
    fi
    "$VENV/bin/kubernetes-validate" --strict --quiet "$manifests"/*.yaml || fail "kubernetes-validate"
    say "kubernetes-validate --strict: manifests valid"
else
    required kubernetes-validate
fi

if command -v systemd-analyze >/dev/null; then
    out=$(SYSTEMD_LOG_LEVEL=err systemd-analyze verify --man=no cluster/systemd/*.service 2>&1 \
        | grep -v 'Command /usr/local/bin/collider is not executable' || true)
    [ -z "$out" ] || fail "systemd-analyze verify: $out"
    say "systemd-analyze verify: units clean"
else
    say "skipped: systemd-analyze is not installed"
fi

[ $failed -eq 0 ] || exit 1
say "all launch recipes pass"
