#!/usr/bin/env python3
"""Golden values for Tests/ColliderCoreTests/Metrics (reference-pipeline.md §5.2–§5.4).

Independent of the Swift code under test: ranks from scipy.stats.rankdata, Spearman from
scipy.stats.spearmanr, Kendall tau-b from scipy.stats.kendalltau, MAE and the off-by-k rates from
numpy, Student's t quantiles from scipy.stats.t.ppf, hypervolume by brute-force inclusion–exclusion
over itertools.combinations. The guards (< 3 pairs, constant side, NaN → 0.0) follow §5.2.

Pseudo-random inputs come from the 64-bit LCG below, which the tests re-implement
(Tests/ColliderCoreTests/Metrics/GoldenInputs.swift):
    state ← (state · 6364136223846793005 + 1442695040888963407) mod 2^64
    unit  = (state >> 11) / 2^53                      (exact in binary64, in [0, 1))

Run: python3 scripts/golden/metrics.py
"""
import itertools
import math

import numpy as np
from scipy import stats

MASK = (1 << 64) - 1


class LCG:
    def __init__(self, seed):
        self.state = seed & MASK

    def unit(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 11) / float(1 << 53)


def lcg_scores(seed, count):
    """Ground truth 1…5; prediction missing (5 %), ±0.5 off (5 %), or gt + {-1, 0, 1} clamped."""
    rng = LCG(seed)
    gt, pred = [], []
    for _ in range(count):
        g = 1 + math.floor(5 * rng.unit())
        r = rng.unit()
        d = rng.unit()
        p = float(min(5, max(1, g + math.floor(3 * d) - 1)))
        if r < 0.05:
            p = None
        elif r >= 0.95:
            p = p - 0.5
        gt.append(g)
        pred.append(p)
    return gt, pred


def lcg_points(seed, count, dims=4, low=-0.5, high=0.8):
    """Points with coordinates low + (high − low)·unit, drawn row by row."""
    rng = LCG(seed)
    return [[low + (high - low) * rng.unit() for _ in range(dims)] for _ in range(count)]


def lcg_front(seed, count, dims=4, low=0.1, total=1.2):
    """Mutually non-dominated points: low + total·u/Σu (sum taken left to right)."""
    rng = LCG(seed)
    points = []
    for _ in range(count):
        u = [rng.unit() for _ in range(dims)]
        s = 0.0
        for x in u:
            s += x
        points.append([low + total * x / s for x in u])
    return points


def guarded(fn, gt, pred):
    if len(gt) < 3 or np.std(gt) == 0 or np.std(pred) == 0:
        return 0.0, True
    value = fn(gt, pred)[0]
    if np.isnan(value):
        return 0.0, True
    return float(value), False


def criterion(gt, pred):
    pairs = [(g, p) for g, p in zip(gt, pred) if p is not None and math.isfinite(p)]
    g = np.array([float(a) for a, _ in pairs])
    p = np.array([b for _, b in pairs])
    n = len(pairs)
    err = np.abs(g - p)
    rho, rho_degenerate = guarded(stats.spearmanr, g, p)
    tau, _ = guarded(lambda a, b: stats.kendalltau(a, b, variant="b"), g, p)
    return {
        "n": n,
        "spearman": rho,
        "kendall": tau,
        "degenerate": rho_degenerate,
        "mae": float(np.mean(err)) if n else 0.0,
        "accuracy": float(np.mean(g == p)) if n else 0.0,
        "offByOne": float(np.mean(err <= 1)) if n else 0.0,
        "offByTwo": float(np.mean(err <= 2)) if n else 0.0,
        "offByThree": float(np.mean(err <= 3)) if n else 0.0,
    }


NAN = float("nan")
INF = float("inf")
CRITERION_CASES = {
    "ties": ([1, 2, 2, 3, 3, 3, 4, 5, 5, 1], [1.0, 2.0, 3.0, 3.0, 3.0, 2.0, 4.0, 5.0, 4.0, 2.0]),
    "fractional": ([1, 2, 3, 4, 5, 2, 4], [1.5, 2.25, 2.0, 4.75, 3.5, 1.0, 5.0]),
    "reversed": ([1, 2, 3, 4, 5], [5.0, 4.0, 3.0, 2.0, 1.0]),
    "constantPredictions": ([1, 2, 3, 4, 5, 3], [5.0] * 6),
    "constantGroundTruth": ([3, 3, 3, 3], [1.0, 2.0, 3.0, 5.0]),
    "twoPairs": ([1, 5], [2.0, 4.0]),
    "missing": ([1, 2, 3, 4, 5, 3, 2, 4], [1.0, None, 3.0, NAN, 4.0, 2.0, INF, 5.0]),
    "allMissing": ([1, 2, 3], [None, None, None]),
    "lcg480": lcg_scores(20260402, 480),
}

RANK_CASES = {
    "distinct": [3.0, 1.0, 2.0],
    "ties": [2.0, 1.0, 2.0, 3.0, 1.0, 2.0],
    "allEqual": [4.0, 4.0, 4.0, 4.0],
    "fractional": [0.5, -1.25, 0.5, 7.0, -1.25, 0.5, 3.0],
}

SAMPLE_CASES = {
    "threeRuns": [0.284, 0.289, 0.282],
    "tenValues": [0.366, 0.208, 0.308, 0.256, 0.350, 0.168, 0.338, 0.363, 0.303, 0.257],
    "twoValues": [1.0, 2.5],
}

T_QUANTILES = (
    [(0.975, df) for df in list(range(1, 31)) + [40, 60, 120, 1000]]
    + [(p, df) for p in (0.6, 0.9, 0.995, 0.999999, 0.025, 0.1) for df in (1, 2, 3, 7, 25, 200)]
    + [(0.975, 2.5), (0.975, 0.5)]
)


def dominates(a, b):
    return all(x >= y for x, y in zip(a, b)) and any(x > y for x, y in zip(a, b))


def non_dominated(points):
    return [p for i, p in enumerate(points)
            if not any(dominates(q, p) for j, q in enumerate(points) if j != i)]


def hypervolume(points, reference):
    kept = non_dominated(points)
    shifted = [[x - r for x, r in zip(p, reference)] for p in kept]
    shifted = [p for p in shifted if all(x > 0 for x in p)]
    # math.fsum rounds the signed sum once: a plain running sum over 2^20 terms of up to ~1e5
    # partial magnitude drifts by ~1e-8.
    return math.fsum(
        (1.0 if size % 2 else -1.0) * math.prod(min(c) for c in zip(*subset))
        for size in range(1, len(shifted) + 1)
        for subset in itertools.combinations(shifted, size))


MINUS_ONE = [-1.0] * 4
HV_CASES = {
    "paperInitial": ([[0.366, 0.208, 0.308, 0.256]], MINUS_ONE),
    "twoDimensional": ([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0], [1.0, 1.0], [2.0, 2.0]], [0.0, 0.0]),
    "dominatedAndOutside": ([[0.3, 0.2, 0.3, 0.2], [0.1, 0.1, 0.1, 0.1], [0.3, 0.2, 0.3, 0.2],
                             [0.5, -1.2, 0.9, 0.9], [0.2, 0.4, 0.1, 0.3]], MINUS_ONE),
    "lcg13": (lcg_points(13, 13), MINUS_ONE),
    "lcg16": (lcg_points(16, 16), MINUS_ONE),
    "lcg20": (lcg_points(20, 20), MINUS_ONE),
    "front13": (lcg_front(113, 13), MINUS_ONE),
    "front20": (lcg_front(120, 20), MINUS_ONE),
}
TRAJECTORY = lcg_points(2026, 13, low=0.15, high=0.40)


def main():
    print("# ranks (scipy.stats.rankdata, method='average')")
    for name, values in RANK_CASES.items():
        print(name, [float(r) for r in stats.rankdata(values, method="average")])

    print("\n# criterion metrics")
    for name, (gt, pred) in CRITERION_CASES.items():
        m = criterion(gt, pred)
        print(name, " ".join(f"{k}={v!r}" for k, v in m.items()))

    print("\n# sample statistics (ddof = 1, 95 % t interval)")
    for name, values in SAMPLE_CASES.items():
        a = np.array(values)
        std = float(np.std(a, ddof=1))
        half = float(stats.t.ppf(0.975, len(a) - 1)) * std / math.sqrt(len(a))
        mean = float(np.mean(a))
        print(name, f"mean={mean!r} std={std!r} min={float(a.min())!r} max={float(a.max())!r}",
              f"halfWidth={half!r}")

    print("\n# Student t quantiles (scipy.stats.t.ppf)")
    for p, df in T_QUANTILES:
        print(f"p={p!r} df={df!r} t={float(stats.t.ppf(p, df))!r}")

    print("\n# hypervolume (brute-force inclusion–exclusion)")
    for name, (points, reference) in HV_CASES.items():
        print(name, f"kept={len(non_dominated(points))} hv={hypervolume(points, reference)!r}")
    print("paperInitialProduct", 1.366 * 1.208 * 1.308 * 1.256)

    print("\n# cumulative hypervolume of TRAJECTORY (steps 0…12)")
    print([hypervolume(TRAJECTORY[: s + 1], MINUS_ONE) for s in range(len(TRAJECTORY))])


if __name__ == "__main__":
    main()
