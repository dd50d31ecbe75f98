import GRDB

/// What a re-leased task needs to continue where its last attempt stopped.
public struct ResumePoint: Sendable, Equatable {
    /// The latest checkpoint, nil when the task never completed a step.
    public var checkpoint: Checkpoint?
    /// Journal entries written since that checkpoint, in the order they were stored.
    public var journal: [JournalEntry]
}

extension SweepStore {
    /// The latest checkpoint of a task and the call-journal entries written since it; the
    /// transport ships both with TASK so the resumed run pays for no call twice.
    public func resumePoint(for taskID: String) throws(StoreError) -> ResumePoint {
        try read("read the resume point of task \(taskID)") { db in
            let checkpoint = try Row.fetchOne(
                db, sql: "SELECT step, blob FROM checkpoints WHERE task_id = ? ORDER BY step DESC LIMIT 1",
                arguments: [taskID]
            ).map { Checkpoint(step: $0["step"], blob: $0["blob"]) }
            let journal = try Row.fetchAll(
                db, sql: "SELECT call_key, entry FROM journal WHERE task_id = ? AND after_step >= ? ORDER BY rowid",
                arguments: [taskID, checkpoint?.step ?? -1]
            ).map { JournalEntry(callKey: $0["call_key"], entry: $0["entry"]) }
            return ResumePoint(checkpoint: checkpoint, journal: journal)
        }
    }
}

extension SweepStore {
    /// The stored step records of a task, in step order (one `steps.jsonl` line each).
    public func stepRecords(for taskID: String) throws(StoreError) -> [StepRecord] {
        try read("read the step records of task \(taskID)") { db in
            try Row.fetchAll(
                db, sql: "SELECT step, json FROM step_records WHERE task_id = ? ORDER BY step", arguments: [taskID]
            ).map { StepRecord(step: $0["step"], json: $0["json"]) }
        }
    }
}
