#!/usr/bin/env python3
"""Fixture and golden values for Tests/ColliderReportTests (reference-pipeline.md §5.3–§5.4).

Writes two files next to the tests:
- Fixtures/report_fixture.json: per-run, per-step, per-criterion test metrics of two cells
  (SSS, and a Single-Task family of four single-criterion runs per seed), 3 seeds, steps 0..4.
  SSS repeats step 1 at step 2 (an exact tie, which the earliest step must win); the consistency
  run of Single-Task seed 3 stops after step 3 (fewer seeds at step 4).
- Fixtures/report_golden.json: what the report must compute from it, independently of the Swift
  code: numpy means and ddof-1 standard deviations, scipy.stats.t.ppf for the 95 % half-width,
  the first maximum for the best step, and hypervolume by brute-force inclusion–exclusion over
  itertools.combinations (reference point −1, maximization).

Run: python3 scripts/golden/report.py
"""
import itertools
import json
import math
import os

import numpy as np
from scipy import stats

CRITERIA = ["fluency", "relevance", "coherence", "consistency"]
SEEDS = [1, 2, 3]
STEPS = [0, 1, 2, 3, 4]
HERE = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "ColliderReportTests", "Fixtures")


def make_fixture():
    rng = np.random.RandomState(20260402)
    runs = []

    def metrics(rho, ob1, degenerate=False):
        return {"spearman": rho, "off_by_one": ob1, "degenerate": degenerate}

    # SSS: one run per seed with all four criteria.
    for seed in SEEDS:
        base = rng.uniform(0.1, 0.4, size=4)
        steps = []
        for step in STEPS:
            if step == 0:
                rho = base
            elif step == 2:
                rho = steps[1]["rho"]
            elif step == 1:
                rho = base + 0.05
            else:
                rho = base + rng.uniform(-0.1, 0.04, size=4)
            ob1 = rng.uniform(0.5, 0.9, size=4)
            steps.append({"step": step, "rho": np.round(rho, 4), "ob1": np.round(ob1, 4)})
        record = []
        for s in steps:
            record.append({
                "step": s["step"],
                "test": {c: metrics(float(s["rho"][i]), float(s["ob1"][i])) for i, c in enumerate(CRITERIA)},
            })
        runs.append({"mode": "SSS", "seed": seed, "criterion": None, "steps": record})

    # Single-Task: one run per criterion and seed, holding only its criterion.
    for i, criterion in enumerate(CRITERIA):
        for seed in SEEDS:
            record = []
            for step in STEPS:
                if criterion == "consistency" and seed == 3 and step == 4:
                    continue
                degenerate = criterion == "relevance" and seed == 2 and step == 3
                rho = 0.0 if degenerate else round(float(rng.uniform(-0.05, 0.5)), 4)
                ob1 = round(float(rng.uniform(0.4, 0.95)), 4)
                record.append({"step": step, "test": {criterion: metrics(rho, ob1, degenerate)}})
            runs.append({"mode": "single", "seed": seed, "criterion": criterion, "steps": record})
    return {"criteria": CRITERIA, "runs": runs}


def per_seed_values(fixture, mode):
    """seed -> step -> criterion -> metrics; Single-Task takes each criterion from its own run."""
    table = {}
    for run in fixture["runs"]:
        if run["mode"] != mode:
            continue
        for record in run["steps"]:
            for criterion, m in record["test"].items():
                if run["criterion"] is not None and criterion != run["criterion"]:
                    continue
                table.setdefault(run["seed"], {}).setdefault(record["step"], {})[criterion] = m
    return table


def summary(values):
    values = np.array(values, dtype=float)
    n = len(values)
    std = float(np.std(values, ddof=1)) if n > 1 else 0.0
    half = float(stats.t.ppf(0.975, n - 1) * std / math.sqrt(n)) if n > 1 else None
    return {"n": n, "mean": float(np.mean(values)), "std": std, "half_width": half}


def hypervolume(points, reference=-1.0):
    shifted = [[x - reference for x in p] for p in points]
    shifted = [p for p in shifted if all(x > 0 for x in p)]
    total = 0.0
    for size in range(1, len(shifted) + 1):
        for subset in itertools.combinations(shifted, size):
            total += (-1) ** (size + 1) * math.prod(min(col) for col in zip(*subset))
    return total


def cell(fixture, mode):
    table = per_seed_values(fixture, mode)
    steps = []
    archive = []
    for step in STEPS:
        seeds = [s for s in SEEDS if set(table.get(s, {}).get(step, {})) == set(CRITERIA)]
        rho = {c: [table[s][step][c]["spearman"] for s in seeds] for c in CRITERIA}
        ob1 = {c: [table[s][step][c]["off_by_one"] for s in seeds] for c in CRITERIA}
        avg_rho = [np.mean([table[s][step][c]["spearman"] for c in CRITERIA]) for s in seeds]
        avg_ob1 = [np.mean([table[s][step][c]["off_by_one"] for c in CRITERIA]) for s in seeds]
        archive.append([float(np.mean(rho[c])) for c in CRITERIA])
        steps.append({
            "step": step,
            "seeds": seeds,
            "average_spearman": summary(avg_rho),
            "average_off_by_one": summary(avg_ob1),
            "spearman_mean": {c: float(np.mean(rho[c])) for c in CRITERIA},
            "spearman_std": {c: float(np.std(rho[c], ddof=1)) for c in CRITERIA},
            "degenerate": sum(table[s][step][c]["degenerate"] for s in seeds for c in CRITERIA),
            "hypervolume": None if mode == "single" else hypervolume(archive),
            "per_seed_average": dict(zip(seeds, avg_rho)),
        })
    means = [s["average_spearman"]["mean"] for s in steps]
    best = int(np.argmax(means))  # first maximum: the earliest step wins ties
    paired = [steps[best]["per_seed_average"][s] - steps[0]["per_seed_average"][s]
              for s in steps[0]["seeds"] if s in steps[best]["per_seed_average"]]
    for s in steps:
        del s["per_seed_average"]
    return {
        "mode": mode,
        "steps": steps,
        "initial": means[0],
        "best_step": best,
        "best": means[best],
        "delta": means[best] - means[0],
        "paired_delta": summary(paired),
        "hvi": steps[-1]["hypervolume"],
    }


def paired(fixture, a, b):
    """Per shared seed, task-averaged Spearman of a minus b at the last step both evaluated."""
    ta, tb = per_seed_values(fixture, a), per_seed_values(fixture, b)

    def complete(table, step):
        return [s for s in SEEDS if set(table.get(s, {}).get(step, {})) == set(CRITERIA)]

    step = max(s for s in STEPS if complete(ta, s) and complete(tb, s))
    seeds = [s for s in complete(ta, step) if s in complete(tb, step)]
    diffs = [np.mean([ta[s][step][c]["spearman"] for c in CRITERIA])
             - np.mean([tb[s][step][c]["spearman"] for c in CRITERIA]) for s in seeds]
    return {"a": a, "b": b, "step": step, "seeds": seeds, "difference": summary(diffs)}


def main():
    fixture = make_fixture()
    golden = {"cells": [cell(fixture, "SSS"), cell(fixture, "single")], "paired": [paired(fixture, "single", "SSS")]}
    os.makedirs(HERE, exist_ok=True)
    with open(os.path.join(HERE, "report_fixture.json"), "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(HERE, "report_golden.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")
    for c in golden["cells"]:
        print(c["mode"], "initial %.6f best %.6f (%d) delta %+.6f hvi %s" % (
            c["initial"], c["best"], c["best_step"], c["delta"], c["hvi"]))


if __name__ == "__main__":
    main()
