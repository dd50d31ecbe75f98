#!/usr/bin/env python3
"""Golden values for Tests/ColliderCoreTests/Dataset/DatasetSummEvalTests.swift.

Reads ../shared/data/summeval/summeval.jsonl (path as the first argument, optional) and prints, for
the paper's inputs (Summary <- summary, Source Text <- source) and criteria (fluency, relevance,
coherence, consistency) on the scale 1..5:
* the ground-truth distribution: the 3-expert mean rounded half-up, counted with exact fractions;
* the data set fingerprint: SHA-256 of the sorted, compact JSON described in docs/data.md.
"""
import collections
import hashlib
import json
import math
import sys
from fractions import Fraction
from pathlib import Path

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared/data/summeval/summeval.jsonl"
criteria = ["fluency", "relevance", "coherence", "consistency"]
inputs = [("Summary", "summary"), ("Source Text", "source")]

rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def half_up(value):
    # Fraction(float) is the float's exact value, so x.5 really is a half here.
    return math.floor(Fraction(value) + Fraction(1, 2))


truth = [{c: half_up(r[c]) for c in criteria} for r in rows]
print("rows:", len(rows))
for c in criteria:
    counts = collections.Counter(t[c] for t in truth)
    print(f"{c}:", [counts.get(v, 0) for v in range(1, 6)])

content = {
    "criteria": criteria,
    "inputs": [{"field": f, "label": l} for l, f in inputs],
    "scale": {"max": 5, "min": 1},
    "rows": [[[r[f] for _, f in inputs], t] for r, t in zip(rows, truth)],
}
text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
print("fingerprint:", hashlib.sha256(text.encode("utf-8")).hexdigest())
