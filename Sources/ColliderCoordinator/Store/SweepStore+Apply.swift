import Foundation
import GRDB

/// Writing the scheduler's state changes.
extension SweepStore {
    /// Applies a batch of changes in one transaction: all of them, or none when one fails.
    public func apply(_ changes: [StoreChange]) throws(StoreError) {
        guard !changes.isEmpty else { return }
        try write("apply \(changes.count) changes") { db in
            for change in changes { try self.apply(change, in: db) }
        }
    }

    /// Writes one change inside the caller's transaction.
    func apply(_ change: StoreChange, in db: Database) throws {
        switch change {
        case .task(let record, let at):
            try Self.run(
                db,
                sql: """
                    UPDATE tasks SET state = ?, attempt = ?, lost_leases = ?, failure_class = ?,
                        failure_reason = ?, lease_id = ?, worker = ?, next_eligible_at = ?, updated = ? WHERE id = ?
                    """,
                arguments: record.stateArguments + [at.timeIntervalSinceReferenceDate, record.id])
            guard db.changesCount == 1 else {
                throw StoreError(.corrupt, "update task \(record.id): not in the store", path: path)
            }
        case .leaseOpened(let lease):
            try Self.run(
                db,
                sql: "INSERT INTO leases (id, task_id, worker, attempt, granted_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    lease.id.rawValue, lease.taskID, lease.worker.rawValue, lease.attempt,
                    lease.grantedAt.timeIntervalSinceReferenceDate,
                ])
        case .leaseClosed(let id, let outcome, let at):
            try Self.run(
                db,
                sql: "UPDATE leases SET closed_at = ?, outcome = ? WHERE id = ? AND closed_at IS NULL",
                arguments: [at.timeIntervalSinceReferenceDate, outcome, id.rawValue])
        case .event(let event):
            try Self.run(
                db,
                sql: "INSERT INTO events (at, kind, task_id, worker, lease_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    event.at.timeIntervalSinceReferenceDate, event.kind, event.taskID, event.worker?.rawValue,
                    event.lease?.rawValue, event.detail,
                ])
        case .checkpoint(let taskID, let checkpoint):
            try Self.run(
                db,
                sql: "INSERT OR REPLACE INTO checkpoints (task_id, step, blob) VALUES (?, ?, ?)",
                arguments: [taskID, checkpoint.step, checkpoint.blob])
        case .journal(let taskID, let entry):
            try Self.run(
                db,
                sql: """
                    INSERT OR IGNORE INTO journal (call_key, task_id, after_step, entry)
                    VALUES (?, ?, COALESCE((SELECT MAX(step) FROM checkpoints WHERE task_id = ?), -1), ?)
                    """,
                arguments: [entry.callKey, taskID, taskID, entry.entry])
        case .stepRecord(let taskID, let record):
            try Self.run(
                db,
                sql: "INSERT OR REPLACE INTO step_records (task_id, step, json) VALUES (?, ?, ?)",
                arguments: [taskID, record.step, record.json])
        case .result(let result):
            try Self.run(
                db,
                sql: """
                    INSERT OR IGNORE INTO results (task_id, lease_id, worker, payload, cost_usd, at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: result.arguments)
            if db.changesCount == 0 { try Self.insertDuplicate(result, in: db) }
        case .duplicateResult(let result):
            try Self.insertDuplicate(result, in: db)
        case .usage(let taskID, let usage, let at):
            try Self.run(
                db,
                sql: "INSERT INTO usage (task_id, role, endpoint, calls, tokens, dollars, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    taskID, usage.role, usage.endpoint, usage.calls, usage.tokens, usage.dollars,
                    at.timeIntervalSinceReferenceDate,
                ])
        }
    }

    /// Runs a statement from the connection's cache: a batch repeats a handful of statements
    /// thousands of times, and preparing each once saves most of the work.
    private static func run(_ db: Database, sql: String, arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// A result after the first: kept for its cost, never counted.
    private static func insertDuplicate(_ result: StoredResult, in db: Database) throws {
        try Self.run(
                db,
            sql: """
                INSERT INTO duplicate_results (task_id, lease_id, worker, payload, cost_usd, at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: result.arguments)
    }
}

extension StoredResult {
    fileprivate var arguments: StatementArguments {
        [taskID, lease.rawValue, worker.rawValue, payload, costUSD, at.timeIntervalSinceReferenceDate]
    }
}
