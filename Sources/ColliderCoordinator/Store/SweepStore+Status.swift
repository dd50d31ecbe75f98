import Foundation
import GRDB

extension SweepStore {
    /// Opens an existing store for reading only: safe beside a running coordinator (WAL readers
    /// never block its writer) and never creates, migrates or writes anything.
    public convenience init(readingAt url: URL) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw StoreError(.open, "open the database (no such file)", path: url.path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration)
        } catch {
            throw StoreError(.open, "open the database read-only", path: url.path, underlying: error)
        }
        self.init(path: url.path, pool: pool)
    }

    /// The sweep's status as the store holds it: counts and usage per cell, per worker (the holder
    /// of each leased task, the producer of each result), suspect
    /// leases not cleared since, and every failure with its reason.
    public func statusReport() throws(StoreError) -> StatusReport {
        try read("read the status") { db in
            let sweep = try String.fetchOne(db, sql: "SELECT name FROM sweep LIMIT 1") ?? ""
            let usage = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.backbone, t.mode, t.gate, SUM(u.calls) AS c, SUM(u.tokens) AS k, SUM(u.dollars) AS d
                    FROM usage u JOIN tasks t ON t.id = u.task_id GROUP BY t.backbone, t.mode, t.gate
                    """)
            var cells: [String: StatusReport.Cell] = [:]
            func key(_ row: Row) -> String { "\(row["backbone"] as String)\u{1}\(row["mode"] as String? ?? "")\u{1}\(row["gate"] as String)" }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT backbone, mode, gate, state, COUNT(*) AS n FROM tasks WHERE in_plan = 1 GROUP BY backbone, mode, gate, state")
            {
                cells[key(row), default: StatusReport.Cell(
                    backbone: row["backbone"], mode: row["mode"], gate: row["gate"], counts: [:], calls: 0, tokens: 0,
                    dollars: 0)].counts[row["state"]] = row["n"]
            }
            for row in usage {
                cells[key(row)]?.calls = row["c"] ?? 0
                cells[key(row)]?.tokens = row["k"] ?? 0
                cells[key(row)]?.dollars = row["d"] ?? 0
            }
            var workers: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT worker, state, COUNT(*) AS n FROM tasks
                    WHERE in_plan = 1 AND worker IS NOT NULL AND state IN ('leased', 'failed') GROUP BY worker, state
                    UNION ALL
                    SELECT r.worker, 'done' AS state, COUNT(*) AS n FROM results r JOIN tasks t ON t.id = r.task_id
                    WHERE t.in_plan = 1 GROUP BY r.worker
                    """)
            {
                workers[row["worker"], default: [:]][row["state"]] = row["n"]
            }
            let suspect = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.kind, t.backbone, t.mode, t.gate, t.seed, t.criterion, t.worker, MAX(e.at) AS since
                    FROM tasks t JOIN events e ON e.lease_id = t.lease_id AND e.kind = 'suspect'
                    WHERE t.state = 'leased' AND NOT EXISTS (
                        SELECT 1 FROM events c WHERE c.lease_id = t.lease_id AND c.kind = 'suspect_cleared' AND c.seq > e.seq)
                    GROUP BY t.id ORDER BY t.id
                    """
            ).map {
                StatusReport.Suspect(
                    task: $0["id"], label: Self.label($0), worker: $0["worker"] ?? "",
                    since: Date(timeIntervalSinceReferenceDate: $0["since"]).timeIntervalSince1970)
            }
            let failures = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, backbone, mode, gate, seed, criterion, state, failure_class, failure_reason, attempt
                    FROM tasks WHERE in_plan = 1 AND state IN ('failed', 'blocked') ORDER BY position
                    """
            ).map {
                StatusReport.Failure(
                    task: $0["id"], label: Self.label($0), state: $0["state"], failureClass: $0["failure_class"],
                    reason: $0["failure_reason"], attempt: $0["attempt"])
            }
            let totals = try Row.fetchOne(
                db, sql: "SELECT COALESCE(SUM(calls), 0) AS c, COALESCE(SUM(tokens), 0) AS k, COALESCE(SUM(dollars), 0) AS d FROM usage")
            let counts = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM tasks WHERE in_plan = 1 GROUP BY state")
            return StatusReport(
                sweep: sweep, source: .store,
                counts: Dictionary(uniqueKeysWithValues: counts.map { ($0["state"] as String, $0["n"] as Int) }),
                calls: totals?["c"] ?? 0, tokens: totals?["k"] ?? 0, dollars: totals?["d"] ?? 0,
                cells: cells.keys.sorted().compactMap { cells[$0] },
                workers: workers.keys.sorted().map { StatusReport.Worker(worker: $0, counts: workers[$0] ?? [:], connected: nil) },
                suspect: suspect, failures: failures)
        }
    }

    /// A task row's label, as `SweepTask.label` writes it: `qwen3/SSS/mae/seed 2`,
    /// `cherry_pick qwen3/mae`.
    static func label(_ row: Row) -> String {
        var parts = [row["backbone"] as String]
        if let mode = row["mode"] as String? {
            parts.append((row["criterion"] as String?).map { "\(mode)[\($0)]" } ?? mode)
        }
        parts.append(row["gate"])
        if let seed = row["seed"] as Int? { parts.append("seed \(seed)") }
        let base = parts.joined(separator: "/")
        let kind: String = row["kind"]
        return kind == "run" ? base : "\(kind) \(base)"
    }
}

extension SweepStore {
    /// Calls reported, by the role the usage rows name (`all` while workers report totals only).
    public func callsByRole() throws(StoreError) -> [String: Int] {
        try read("sum calls by role") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT role, SUM(calls) AS n FROM usage GROUP BY role")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["role"] as String, $0["n"] as Int) })
        }
    }
}
