import Foundation

/// Usage a worker reports: new since its previous report, never cumulative.
public struct UsageRecord: Sendable, Equatable, Codable {
    /// The pipeline role (task, loss, gradient, optimizer, judge).
    public var role: String
    /// Name of the endpoint in the sweep config.
    public var endpoint: String
    public var calls: Int
    public var tokens: Int
    public var dollars: Double

    public init(role: String, endpoint: String, calls: Int, tokens: Int, dollars: Double) {
        self.role = role
        self.endpoint = endpoint
        self.calls = calls
        self.tokens = tokens
        self.dollars = dollars
    }
}

/// One completed LLM call, keyed by its call key (architecture.md, "the call journal").
public struct JournalEntry: Sendable, Equatable, Codable {
    public var callKey: String
    /// The encoded reply, opaque to the coordinator.
    public var entry: Data

    public init(callKey: String, entry: Data) {
        self.callKey = callKey
        self.entry = entry
    }
}

/// A step checkpoint: everything a task needs to continue after `step`.
public struct Checkpoint: Sendable, Equatable, Codable {
    public var step: Int
    /// The encoded checkpoint, opaque to the coordinator.
    public var blob: Data

    public init(step: Int, blob: Data) {
        self.step = step
        self.blob = blob
    }
}

/// One optimization step's record, as JSON text.
public struct StepRecord: Sendable, Equatable, Codable {
    public var step: Int
    public var json: String

    public init(step: Int, json: String) {
        self.step = step
        self.json = json
    }
}

/// What a PROGRESS message carries.
public struct ProgressReport: Sendable, Equatable {
    /// Increases with each report of a lease, so that a resent report counts once.
    public var sequence: Int
    public var stage: String
    public var step: Int
    /// Calls of this attempt so far (cumulative).
    public var calls: Int
    public var usage: [UsageRecord]
    public var checkpoint: Checkpoint?
    public var journal: [JournalEntry]
    public var stepRecords: [StepRecord]

    public init(
        sequence: Int, stage: String, step: Int, calls: Int, usage: [UsageRecord] = [],
        checkpoint: Checkpoint? = nil, journal: [JournalEntry] = [], stepRecords: [StepRecord] = []
    ) {
        self.sequence = sequence
        self.stage = stage
        self.step = step
        self.calls = calls
        self.usage = usage
        self.checkpoint = checkpoint
        self.journal = journal
        self.stepRecords = stepRecords
    }
}

/// What a RESULT message carries.
public struct ResultReport: Sendable, Equatable {
    /// The encoded task result, opaque to the coordinator.
    public var payload: Data
    /// Usage not yet reported in progress.
    public var usage: [UsageRecord]

    public init(payload: Data, usage: [UsageRecord] = []) {
        self.payload = payload
        self.usage = usage
    }
}
