#!/usr/bin/env python3
"""What one progress sample's store reads cost on a store the size of the dispatch benchmark's
sweep (10,000 tasks, 20,000 events, 10,000 results, 30,000 usage rows), with the coordinator's
schema and the queries of SweepStore.totals() and countsByState(). Until the reads moved to their
own queue, the coordinator ran them on its core queue once a second, holding up every commit (and
TASK) behind them. Usage: python3 scripts/status-read-cost.py"""
import os
import random
import sqlite3
import tempfile
import time

SCHEMA = """
CREATE TABLE tasks (id TEXT PRIMARY KEY, position INTEGER NOT NULL, in_plan INTEGER NOT NULL,
    kind TEXT NOT NULL, backbone TEXT NOT NULL, mode TEXT, gate TEXT NOT NULL, seed INTEGER,
    criterion TEXT, depends_on TEXT NOT NULL, estimated_usd REAL NOT NULL DEFAULT 0,
    state TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0, failure_class TEXT,
    failure_reason TEXT, lease_id TEXT, worker TEXT, next_eligible_at REAL, updated REAL NOT NULL);
CREATE INDEX tasks_state ON tasks(state);
CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, kind TEXT NOT NULL,
    task_id TEXT, worker TEXT, lease_id TEXT, detail TEXT NOT NULL);
CREATE TABLE results (task_id TEXT PRIMARY KEY, lease_id TEXT NOT NULL, worker TEXT NOT NULL,
    payload BLOB NOT NULL, cost_usd REAL NOT NULL, at REAL NOT NULL);
CREATE TABLE duplicate_results (seq INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
    lease_id TEXT NOT NULL, worker TEXT NOT NULL, payload BLOB NOT NULL, cost_usd REAL NOT NULL,
    at REAL NOT NULL);
CREATE TABLE usage (seq INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
    role TEXT NOT NULL, endpoint TEXT NOT NULL, calls INTEGER NOT NULL, tokens INTEGER NOT NULL,
    dollars REAL NOT NULL, at REAL NOT NULL);
"""

QUERIES = [
    "SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(tokens), 0), COALESCE(SUM(dollars), 0) FROM usage",
    "SELECT COUNT(*), COALESCE(SUM(cost_usd), 0) FROM duplicate_results",
    "SELECT COUNT(*) FROM results",
    "SELECT COUNT(*) FROM events",
    "SELECT state, COUNT(*) AS n FROM tasks WHERE in_plan = 1 GROUP BY state",
]


def main(tasks=10_000):
    random.seed(7)
    path = os.path.join(tempfile.mkdtemp(), "collider.sqlite")
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    ids = [f"sim-SSS-none-s{i // 32}-{i}" for i in range(tasks)]
    db.executemany(
        "INSERT INTO tasks VALUES (?, ?, 1, 'run', 'sim', 'SSS', 'none', 1, NULL, '[]', 0, ?, 1,"
        " NULL, NULL, ?, ?, NULL, 0)",
        [(ids[i], i, random.choice(["done", "leased", "pending"]), f"L{i}", f"bench-w{i % 1000}")
         for i in range(tasks)])
    db.executemany(
        "INSERT INTO events (at, kind, task_id, worker, lease_id, detail) VALUES (0, ?, ?, 'w', ?, 'attempt 1')",
        [(kind, ids[i], f"L{i}") for i in range(tasks) for kind in ("leased", "done")])
    db.executemany(
        "INSERT INTO results VALUES (?, ?, 'w', ?, 0.01, 0)",
        [(ids[i], f"L{i}", b'{"bench":true}' * 20) for i in range(tasks)])
    db.executemany(
        "INSERT INTO usage (task_id, role, endpoint, calls, tokens, dollars, at) VALUES (?, 'task', 'sim', 3, 1000, 0.001, 0)",
        [(ids[i % tasks],) for i in range(3 * tasks)])
    db.commit()
    timings = []
    for _ in range(10):
        start = time.perf_counter()
        for query in QUERIES:
            db.execute(query).fetchall()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"one progress sample's reads: median {timings[5]:.1f} ms, max {timings[-1]:.1f} ms ({tasks} tasks)")


if __name__ == "__main__":
    main()
