#!/usr/bin/env bash
# Installs the Debian packages collider builds against, and those its tests use, when they are missing:
# chromium renders report.html in the report's browser test, whose screenshot python3 decodes
# (scripts/check-screenshot.py); shellcheck and python3-venv (kubernetes-validate) check the launch
# recipes in cluster/, whose network-namespace testbed needs iproute2; openssh runs the ssh launcher
# against a private sshd, and slurmctld, slurmd and munge run the Slurm job array on a one-node
# cluster. As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail

packages=(libzmq3-dev libcurl4-openssl-dev libsqlite3-dev pkg-config chromium python3 python3-venv shellcheck iproute2 openssh-server openssh-client
    slurmctld slurmd slurm-client munge)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "collider needs these Debian packages: ${missing[*]}" >&2
    echo "install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
