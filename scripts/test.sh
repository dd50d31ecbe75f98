#!/usr/bin/env bash
# Runs the test suite with a real llama.cpp server on loopback when one can be set up.
# The server gets its own port and a fresh API key, and is stopped afterwards.
# With COLLIDER_REQUIRE_LLM=1 (set by .ci/run) the llama.cpp tests fail instead of being skipped.
# With CI=true (also set by .ci/run) so does the headless-Chromium test of report.html when no
# chromium binary is found (scripts/install-deps.sh installs it).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

export COLLIDER_LLM_PORT=${COLLIDER_TEST_LLM_PORT:-18090}
export COLLIDER_LLM_API_KEY="collider-test-$RANDOM$RANDOM"
if url=$(cluster/local-llm.sh start); then
    export COLLIDER_LLM_URL=$url
    trap 'cluster/local-llm.sh stop' EXIT
    echo "llama.cpp server for the integration tests: $url"
else
    echo "note: no llama.cpp server could be started; its integration tests will be skipped" \
        "(or fail, when COLLIDER_REQUIRE_LLM=1)"
fi

# The fleet tests (ColliderWorkerTests: in-process and process coordinators and workers over real
# sockets, 200 ms heartbeats, a silent worker given up after 2 s) run after the rest, one at a
# time: run in parallel with the CPU-bound tests (the llama.cpp model, headless Chromium) on two
# cores, their workers starve past the lease timeout and the tests measure the machine, not collider.
fleet=ColliderWorkerTests
status=0
"${SWIFT:-swift}" test --skip-build --skip "$fleet" || status=$?
"${SWIFT:-swift}" test --skip-build --filter "$fleet" --no-parallel || status=$?
exit "$status"
