import ColliderCore
import ColliderLLM
import ColliderPipeline

/// What a task reports after each completed step, and every couple of seconds in between when
/// calls completed, for a worker to forward in `PROGRESS`.
public struct StepProgress: Sendable {
    /// The task.
    public var taskID: String
    /// The last completed step (0 is the baseline; -1 before it).
    public var step: Int
    /// The checkpoint after that step when the report is for its completion; nil in between.
    public var checkpoint: RunCheckpoint?
    /// The step's record (one line of `steps.jsonl`).
    public var record: StepRecord?
    /// Journal entries recorded since the previous report, in the order their calls completed.
    public var journal: [JournalEntry]
    /// The run's totals at the last completed step (calls, tokens, dollars).
    public var stats: RunStats
}

/// How a task ended.
public struct TaskOutcome: Sendable, Equatable {
    /// The task.
    public var taskID: String
    /// Calls sent to the provider (not answered from the journal).
    public var sentCalls: Int
    /// Calls answered from the journal at no cost.
    public var replayedCalls: Int
    /// The task's totals (calls by role, tokens, dollars).
    public var stats: RunStats
    /// Journal entries recorded after the last progress report.
    public var journal: [JournalEntry]
}
