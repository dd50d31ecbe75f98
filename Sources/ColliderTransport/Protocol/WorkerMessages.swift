import ColliderCore
import Foundation

// Bodies of the messages a worker sends (architecture.md, "Coordinator ↔ worker protocol").
// Opaque payloads (`Data`) are JSON documents owned by the pipeline and the store; on the wire they
// travel base64-encoded inside the envelope's JSON.

/// A lease a worker still holds when it (re)connects, re-announced in `HELLO`.
public struct HeldLease: Sendable, Hashable, Codable {
    public var taskID: String
    public var leaseID: String
    /// The last optimization step the worker completed under this lease.
    public var lastStep: Int

    public init(taskID: String, leaseID: String, lastStep: Int) {
        self.taskID = taskID
        self.leaseID = leaseID
        self.lastStep = lastStep
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id", leaseID = "lease_id", lastStep = "last_step"
    }
}

/// `HELLO`: a worker introduces itself.
public struct Hello: Sendable, Hashable, Codable {
    public var workerID: String
    /// Distinguishes process starts of the same worker id.
    public var incarnation: UInt64
    /// How many tasks the worker runs at once.
    public var slots: Int
    public var heldLeases: [HeldLease]

    public init(workerID: String, incarnation: UInt64, slots: Int, heldLeases: [HeldLease] = []) {
        self.workerID = workerID
        self.incarnation = incarnation
        self.slots = slots
        self.heldLeases = heldLeases
    }

    enum CodingKeys: String, CodingKey {
        case workerID = "worker_id", incarnation, slots, heldLeases = "held_leases"
    }
}

/// `CREDIT`: the worker may receive `n` more tasks.
public struct Credit: Sendable, Hashable, Codable {
    public var n: Int

    public init(n: Int) { self.n = n }
}

/// `PROGRESS`: renews a lease and streams what the task produced since the last one.
public struct TaskProgress: Sendable, Hashable, Codable {
    public var leaseID: String
    public var taskID: String
    public var stage: String
    public var step: Int
    public var calls: Int
    public var tokens: Int
    public var dollars: Double
    /// New call-journal entries.
    public var journal: [Data]
    /// The checkpoint after a completed step, if one completed.
    public var checkpoint: Data?
    /// Per-step records completed since the last progress.
    public var stepRecords: [Data]

    public init(
        leaseID: String, taskID: String, stage: String, step: Int, calls: Int, tokens: Int,
        dollars: Double, journal: [Data] = [], checkpoint: Data? = nil, stepRecords: [Data] = []
    ) {
        self.leaseID = leaseID
        self.taskID = taskID
        self.stage = stage
        self.step = step
        self.calls = calls
        self.tokens = tokens
        self.dollars = dollars
        self.journal = journal
        self.checkpoint = checkpoint
        self.stepRecords = stepRecords
    }

    enum CodingKeys: String, CodingKey {
        case leaseID = "lease_id", taskID = "task_id", stage, step, calls, tokens, dollars, journal
        case checkpoint, stepRecords = "step_records"
    }
}

/// `RESULT`: a task finished; `summary` is its result document, `files` its record files
/// (`runs/<task-id>/NAME` → bytes: summary.json, steps.jsonl, eval_step_<k>.jsonl, result.json), so
/// that the coordinator's results folder holds every record whichever host ran the task.
public struct TaskResult: Sendable, Hashable, Codable {
    public var leaseID: String
    public var taskID: String
    public var summary: Data
    /// Record files by name; absent in results from older workers.
    public var files: [String: Data]?

    public init(leaseID: String, taskID: String, summary: Data, files: [String: Data]? = nil) {
        self.leaseID = leaseID
        self.taskID = taskID
        self.summary = summary
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case leaseID = "lease_id", taskID = "task_id", summary, files
    }
}

/// `FAIL`: a task failed.
public struct TaskFailure: Sendable, Hashable, Codable {
    public var leaseID: String
    public var taskID: String
    public var failureClass: FailureClass
    public var retryable: Bool
    public var reason: String

    public init(leaseID: String, taskID: String, failureClass: FailureClass, retryable: Bool, reason: String) {
        self.leaseID = leaseID
        self.taskID = taskID
        self.failureClass = failureClass
        self.retryable = retryable
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case leaseID = "lease_id", taskID = "task_id", failureClass = "class", retryable, reason
    }
}

/// `RATE_REQ`: a worker asks for a share of an endpoint's fleet-wide rate budget: `requests`
/// and `tokens` over the next grant length (what it could use). It also reports the 429s the
/// provider answered since its last request, with the longest `Retry-After` among them, so the
/// fleet backs off together. The answer is a `RATE_GRANT` that replaces the previous one.
public struct RateRequest: Sendable, Hashable, Codable {
    public var endpoint: String
    public var requests: Int
    public var tokens: Int
    /// 429 responses seen since the previous request (absent: none).
    public var rateLimited: Int?
    /// The longest `Retry-After` of those 429s, in seconds.
    public var retryAfterSeconds: Double?

    public init(
        endpoint: String, requests: Int, tokens: Int, rateLimited: Int? = nil, retryAfterSeconds: Double? = nil
    ) {
        self.endpoint = endpoint
        self.requests = requests
        self.tokens = tokens
        self.rateLimited = rateLimited
        self.retryAfterSeconds = retryAfterSeconds
    }

    enum CodingKeys: String, CodingKey {
        case endpoint, requests, tokens, rateLimited = "rate_limited", retryAfterSeconds = "retry_after_seconds"
    }
}
