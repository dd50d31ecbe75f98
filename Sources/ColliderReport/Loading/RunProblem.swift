/// A run or analysis of the grid whose results are missing or incomplete; the report lists these
/// instead of failing.
public struct RunProblem: Sendable, Equatable, Codable, Comparable {
    /// What is wrong.
    public enum Kind: String, Sendable, Codable {
        /// No folder (or no result file) under `runs/<task-id>/`.
        case missing
        /// The run's summary says it failed.
        case failed
        /// Records exist but no summary yet: still running, or stopped without one.
        case unfinished
        /// A file exists but cannot be read.
        case unreadable
    }

    /// The task id.
    public var taskID: String
    /// The task's human label, e.g. `qwen3/SSS/mae/seed 2`.
    public var label: String
    /// What is wrong.
    public var kind: Kind
    /// The last evaluated step on record, when there is one.
    public var lastStep: Int?
    /// The run's error or the read error.
    public var detail: String?

    /// Creates a problem line.
    public init(taskID: String, label: String, kind: Kind, lastStep: Int? = nil, detail: String? = nil) {
        self.taskID = taskID
        self.label = label
        self.kind = kind
        self.lastStep = lastStep
        self.detail = detail
    }

    /// By label, then task id.
    public static func < (lhs: RunProblem, rhs: RunProblem) -> Bool {
        (lhs.label, lhs.taskID) < (rhs.label, rhs.taskID)
    }

    enum CodingKeys: String, CodingKey {
        case label, kind, detail
        case taskID = "task"
        case lastStep = "last_step"
    }
}
