# collider: the two commands a fresh machine needs are `make quickstart` and `make test`.
SWIFT   ?= swift
SHARED  ?= ../shared
RELEASE := .build/release/collider

.PHONY: quickstart test deps data build release bench check-cluster fuzz clean

## quickstart: install system packages, build in release mode, run the quickstart sweep
quickstart: deps release
	$(RELEASE) plan configs/quickstart.yaml
	$(RELEASE) sweep configs/quickstart.yaml --workers 2
	$(RELEASE) report results/quickstart

## test: install system packages, build, run every test, then a short fuzzing pass (FUZZ_CI_SECONDS per target)
FUZZ_CI_SECONDS ?= 20
test: deps data check-cluster
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/test.sh
	SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_CI_SECONDS)

## check-cluster: shellcheck, Kubernetes schema and systemd checks of the launch recipes in cluster/
check-cluster:
	@scripts/check-cluster.sh

deps:
	@scripts/install-deps.sh

## data: link SummEval from ../shared so the paper configs find data/summeval.jsonl
data: data/summeval.jsonl
data/summeval.jsonl:
	@if [ -f $(SHARED)/data/summeval/summeval.jsonl ]; then \
		ln -sf ../$(SHARED)/data/summeval/summeval.jsonl $@; \
	else echo "note: $(SHARED)/data/summeval/summeval.jsonl not found; the paper configs need data/summeval.jsonl"; fi

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product collider

## bench: build in release mode and run both benchmarks of docs/benchmarks.md, printing JSON
bench: release
	$(RELEASE) bench ratelimit --rpm 6000 --tpm 2000000 --concurrency 16 --duration 30 --json
	$(RELEASE) bench client --calls 20000 --concurrency 16 --json

## fuzz: build the libFuzzer targets (own scratch folder .build-fuzz) and run each for FUZZ_SECONDS
FUZZ_SECONDS ?= 600
fuzz:
	SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
