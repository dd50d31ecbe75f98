import Foundation
import GRDB

/// The sweep's source of truth: one SQLite database in WAL mode, `results/<name>/collider.sqlite`
/// (architecture.md, "Storage and results"). A batch of state changes commits in one transaction;
/// reads run beside writes on the pool's readers. Calls block: make them from a dedicated thread,
/// not from the cooperative pool (style.md item 7).
///
/// `synchronous = NORMAL`: in WAL mode a committed transaction survives the death of the process
/// (what resume needs); only a power loss may take back the last commits.
public final class SweepStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// This process created the sweep's record: no coordinator opened the store before.
    public let created: Bool

    /// `results/<name>/collider.sqlite` under a results directory.
    public static func databaseURL(resultsDirectory: URL, sweepName: String) -> URL {
        resultsDirectory.appending(path: sweepName).appending(path: "collider.sqlite")
    }

    init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
        created = false
    }

    /// Opens the database, creating the file, its folder and its tables when missing, and records
    /// the sweep (name, effective config as JSON) the first time. Opening again is harmless.
    public init(at url: URL, sweepName: String, configJSON: String, now: Date) throws(StoreError) {
        path = url.path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: url.path, configuration: configuration)
        } catch {
            throw StoreError(.open, "open the database", path: url.path, underlying: error)
        }
        do {
            try Self.migrator.migrate(pool)
            created = try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO sweep (name, config, created) VALUES (?, ?, ?)",
                    arguments: [sweepName, configJSON, now.timeIntervalSinceReferenceDate])
                return db.changesCount == 1
            }
        } catch {
            throw StoreError(.migrate, "create the tables", path: url.path, underlying: error)
        }
    }

    /// Tasks of the current plan by state name.
    public func countsByState() throws(StoreError) -> [String: Int] {
        try read("count tasks by state") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM tasks WHERE in_plan = 1 GROUP BY state")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["state"] as String, $0["n"] as Int) })
        }
    }

    /// Sums over the whole sweep.
    public func totals() throws(StoreError) -> StoreTotals {
        try read("sum the totals") { db in
            let usage = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(calls), 0) AS c, COALESCE(SUM(tokens), 0) AS t,
                        COALESCE(SUM(dollars), 0) AS d FROM usage
                    """)
            let duplicates = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(cost_usd), 0) AS d FROM duplicate_results")
            return StoreTotals(
                calls: usage?["c"] ?? 0, tokens: usage?["t"] ?? 0, dollars: usage?["d"] ?? 0,
                results: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results") ?? 0,
                duplicateResults: duplicates?["n"] ?? 0, duplicateCostUSD: duplicates?["d"] ?? 0,
                events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0)
        }
    }

    /// The committed result of a task, nil when it has none.
    public func result(for taskID: String) throws(StoreError) -> StoredResult? {
        try read("read the result of task \(taskID)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM results WHERE task_id = ?", arguments: [taskID]).map {
                StoredResult(
                    taskID: $0["task_id"], lease: LeaseID($0["lease_id"] as String), worker: WorkerID($0["worker"] as String),
                    payload: $0["payload"], costUSD: $0["cost_usd"], at: Date(timeIntervalSinceReferenceDate: $0["at"]))
            }
        }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.read, operation, path: path, underlying: error)
        }
    }

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.write, operation, path: path, underlying: error)
        }
    }
}

/// Sums over a sweep's store.
public struct StoreTotals: Sendable, Equatable {
    /// LLM calls reported.
    public var calls: Int
    /// Tokens reported.
    public var tokens: Int
    /// Every reported dollar, failed attempts and duplicates included.
    public var dollars: Double
    /// Tasks with a committed result.
    public var results: Int
    /// Results that arrived after the first of their task.
    public var duplicateResults: Int
    /// Dollars those duplicates cost.
    public var duplicateCostUSD: Double
    /// Lines of the event log.
    public var events: Int
}
