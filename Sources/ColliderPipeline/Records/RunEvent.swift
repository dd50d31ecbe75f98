import ColliderCore

/// One line of `eval_step_<k>.jsonl`: a test item's ground truth, prediction and raw reply.
public struct EvalItemRecord: Sendable, Equatable, Codable {
    public var item: Int
    public var gt: [String: Int]
    /// Value per criterion; null when missing or after a parse failure.
    public var pred: [String: Double?]
    /// The last raw reply.
    public var raw: String
    /// Earlier raw replies that were re-sampled.
    public var resampled: [String]
    public var parseError: String?

    public init(item: Int, gt: [String: Int], prediction: PredictionRecord) {
        self.item = item
        self.gt = gt
        pred = prediction.pred
        raw = prediction.raw
        resampled = prediction.resampled
        parseError = prediction.parseError
    }

    enum CodingKeys: String, CodingKey {
        case item, gt, pred, raw, resampled
        case parseError = "parse_error"
    }

    /// Writes `parse_error` as an explicit null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item, forKey: .item)
        try container.encode(gt, forKey: .gt)
        try container.encode(pred, forKey: .pred)
        try container.encode(raw, forKey: .raw)
        try container.encode(resampled, forKey: .resampled)
        try container.encode(parseError, forKey: .parseError)
    }
}

/// What a run emits, in order: for each step its test items (when evaluated), its step record and
/// a checkpoint; at the end the summary. The run does no file I/O; a sink stores these.
public enum RunEvent: Sendable, Equatable {
    /// The test items of an evaluated step.
    case evaluation(step: Int, items: [EvalItemRecord])
    case step(StepRecord)
    case checkpoint(RunCheckpoint)
    case summary(RunSummary)
}

/// Receives a run's events in order.
public protocol RunRecordSink: Sendable {
    /// Stores `event`; a thrown error stops the run.
    func emit(_ event: RunEvent) async throws
}

/// How a run ended.
public enum RunStatus: String, Sendable, Equatable, Codable {
    case completed
    case failed
}

/// `summary.json`: the task, its effective configuration, how it ended, and what it cost.
public struct RunSummary: Sendable, Equatable, Codable {
    public var taskID: String
    /// The effective configuration, compat switches included.
    public var config: RunSpec
    public var compat: CompatSwitches
    public var status: RunStatus
    /// The last completed step (0 after the baseline); nil when even step 0 did not complete.
    public var lastStep: Int?
    /// Completed calls by role, re-samples included.
    public var calls: CallCounts
    public var resamples: CallCounts
    /// Failures by class; unusable replies count as `model`.
    public var failures: [String: Int]
    public var parseFailures: Int
    public var tokens: Tokens
    public var dollars: Double
    public var wallSeconds: Double
    /// The error that stopped a failed run.
    public var error: String?

    /// Token totals of every completed call.
    public struct Tokens: Sendable, Equatable, Codable {
        public var prompt: Int
        public var completion: Int
        public var cached: Int
    }

    init(spec: RunSpec, status: RunStatus, lastStep: Int?, stats: RunStats, error: String?) {
        taskID = spec.taskID
        config = spec
        compat = spec.compat
        self.status = status
        self.lastStep = lastStep
        calls = stats.calls
        resamples = stats.resamples
        failures = stats.failures
        parseFailures = stats.parseFailures
        tokens = Tokens(prompt: stats.promptTokens, completion: stats.completionTokens, cached: stats.cachedTokens)
        dollars = stats.dollars
        wallSeconds = stats.wallSeconds
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case config, compat, status, calls, resamples, failures, tokens, dollars, error
        case taskID = "task"
        case lastStep = "last_step"
        case parseFailures = "parse_failures"
        case wallSeconds = "wall_seconds"
    }
}
