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
            try db.run(
                """
                UPDATE tasks SET state = ?, attempt = ?, lost_leases = ?, failure_class = ?,
                    failure_reason = ?, lease_id = ?, worker = ?, next_eligible_at = ?, updated = ? WHERE id = ?
                """,
                record.stateArguments + [.time(at), .text(record.id)])
            guard db.changesCount == 1 else {
                throw StoreError(.corrupt, "update task \(record.id): not in the store", path: path)
            }
        case .leaseOpened(let lease):
            try db.run(
                "INSERT INTO leases (id, task_id, worker, attempt, granted_at) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(lease.id.rawValue), .text(lease.taskID), .text(lease.worker.rawValue), .integer(lease.attempt),
                    .time(lease.grantedAt),
                ])
        case .leaseClosed(let id, let outcome, let at):
            try db.run(
                "UPDATE leases SET closed_at = ?, outcome = ? WHERE id = ? AND closed_at IS NULL",
                [.time(at), .text(outcome), .text(id.rawValue)])
        case .event(let event):
            try db.run(
                "INSERT INTO events (at, kind, task_id, worker, lease_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .time(event.at), .text(event.kind), .text(event.taskID), .text(event.worker?.rawValue),
                    .text(event.lease?.rawValue), .text(event.detail),
                ])
        case .checkpoint(let taskID, let checkpoint):
            try db.run(
                "INSERT OR REPLACE INTO checkpoints (task_id, step, blob) VALUES (?, ?, ?)",
                [.text(taskID), .integer(checkpoint.step), .blob(checkpoint.blob)])
        case .journal(let taskID, let entry):
            try db.run(
                """
                INSERT OR IGNORE INTO journal (call_key, task_id, after_step, entry)
                VALUES (?, ?, COALESCE((SELECT MAX(step) FROM checkpoints WHERE task_id = ?), -1), ?)
                """,
                [.text(entry.callKey), .text(taskID), .text(taskID), .blob(entry.entry)])
        case .stepRecord(let taskID, let record):
            try db.run(
                "INSERT OR REPLACE INTO step_records (task_id, step, json) VALUES (?, ?, ?)",
                [.text(taskID), .integer(record.step), .text(record.json)])
        case .result(let result):
            try db.run(
                """
                INSERT OR IGNORE INTO results (task_id, lease_id, worker, payload, cost_usd, at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                result.arguments)
            if db.changesCount == 0 { try Self.insertDuplicate(result, in: db) }
        case .duplicateResult(let result):
            try Self.insertDuplicate(result, in: db)
        case .usage(let taskID, let usage, let at):
            try db.run(
                "INSERT INTO usage (task_id, role, endpoint, calls, tokens, dollars, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(taskID), .text(usage.role), .text(usage.endpoint), .integer(usage.calls), .integer(usage.tokens),
                    .real(usage.dollars), .time(at),
                ])
        }
    }

    /// A result after the first: kept for its cost, never counted.
    private static func insertDuplicate(_ result: StoredResult, in db: Database) throws {
        try db.run(
            """
            INSERT INTO duplicate_results (task_id, lease_id, worker, payload, cost_usd, at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            result.arguments)
    }
}

extension StoredResult {
    fileprivate var arguments: [StoreArgument] {
        [.text(taskID), .text(lease.rawValue), .text(worker.rawValue), .blob(payload), .real(costUSD), .time(at)]
    }
}
