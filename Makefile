# collider: the two commands a fresh machine needs are `make quickstart` and `make test`.
SWIFT   ?= swift
SHARED  ?= ../shared
RELEASE := .build/release/collider

.PHONY: quickstart test deps data build release bench check-cluster chaos chaos-reduced fuzz clean

## quickstart: install system packages, build in release mode, run the quickstart sweep
quickstart: deps release
	$(RELEASE) plan configs/quickstart.yaml
	$(RELEASE) sweep configs/quickstart.yaml --workers 2
	$(RELEASE) report results/quickstart

## test: install system packages, build, run every test, the reduced chaos run (needs root for
## network namespaces; under CI=true their absence fails the run, elsewhere it is skipped with a
## note), then a short fuzzing pass (FUZZ_CI_SECONDS per target, from the fixed FUZZ_CI_SEED so a
## test run explores the same inputs every time; `make fuzz` explores from a fresh seed)
FUZZ_CI_SECONDS ?= 20
FUZZ_CI_SEED    ?= 1
test: deps data check-cluster
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/test.sh
	scripts/check-ssh-launcher.sh .build/debug/collider
	scripts/check-slurm-launcher.sh .build/debug/collider
	scripts/chaos-reduced.sh
	SWIFT=$(SWIFT) FUZZ_SEED=$(FUZZ_CI_SEED) scripts/fuzz.sh $(FUZZ_CI_SECONDS)

## chaos: a quickstart-size sweep across the network-namespace testbed under kills, link cuts and
## provider faults, checked against a clean run (needs root); prints its figures as JSON
chaos: deps release
	scripts/chaos.py --collider $(RELEASE)

## chaos-reduced: the short chaos run of `make test` (debug build; a few minutes)
chaos-reduced: deps
	$(SWIFT) build --product collider
	scripts/chaos-reduced.sh

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

## bench: build in release mode and run the benchmarks of docs/benchmarks.md, printing JSON
bench: release
	$(RELEASE) bench ratelimit --rpm 6000 --tpm 2000000 --concurrency 16 --duration 30 --json
	$(RELEASE) bench client --calls 20000 --concurrency 16 --json
	$(RELEASE) bench fleet --workers 8 --rpm 6000 --tpm 2000000 --concurrency 8 --duration 30 --json
	$(RELEASE) bench dispatch --workers 1000 --tasks 10000 --json
	$(RELEASE) bench release --trials 320 --json
	$(RELEASE) bench restart --events 100000 --json
	$(RELEASE) bench store --json

## fuzz: build the libFuzzer targets (own scratch folder .build-fuzz) and run each for FUZZ_SECONDS
FUZZ_SECONDS ?= 600
fuzz:
	SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
