import ColliderCore
import Foundation
import Synchronization

// Bodies of the messages the coordinator sends, and of those both sides send.

/// `TASK`: a lease on one task, with everything needed to resume it.
public struct TaskLease: Sendable, Hashable, Codable {
    public var task: SweepTask
    public var leaseID: String
    /// The lease lapses when no traffic renews it for this long.
    public var leaseTTLSeconds: Double
    /// 0 on the first lease, then one more per re-lease.
    public var attempt: Int
    /// The latest stored checkpoint (opaque JSON), nil for a fresh start.
    public var checkpoint: Data?
    /// Call-journal entries written since that checkpoint (opaque JSON each).
    public var journal: [Data]
    /// The effective sweep config (JSON).
    public var config: Data
    /// The fingerprint of the config's data set. A worker uses the data file at the config's
    /// path only when its fingerprint matches, and otherwise fetches the data set with
    /// `DATA_REQ`. Nil from a coordinator that does not ship data sets.
    public var datasetFingerprint: String?

    public init(
        task: SweepTask, leaseID: String, leaseTTLSeconds: Double, attempt: Int, checkpoint: Data?,
        journal: [Data], config: Data, datasetFingerprint: String? = nil
    ) {
        self.task = task
        self.leaseID = leaseID
        self.leaseTTLSeconds = leaseTTLSeconds
        self.attempt = attempt
        self.checkpoint = checkpoint
        self.journal = journal
        self.config = config
        self.datasetFingerprint = datasetFingerprint
    }

    enum CodingKeys: String, CodingKey {
        case task, leaseID = "lease_id", leaseTTLSeconds = "lease_ttl_seconds", attempt, checkpoint
        case journal, config, datasetFingerprint = "dataset_fingerprint"
    }

    /// As synthesized, except that `config` — the same few kilobytes in every TASK of a sweep —
    /// is base64-encoded once and the text reused while it stays the same.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encode(leaseID, forKey: .leaseID)
        try container.encode(leaseTTLSeconds, forKey: .leaseTTLSeconds)
        try container.encode(attempt, forKey: .attempt)
        try container.encodeIfPresent(checkpoint, forKey: .checkpoint)
        try container.encode(journal, forKey: .journal)
        try container.encode(Self.base64(config), forKey: .config)
        try container.encodeIfPresent(datasetFingerprint, forKey: .datasetFingerprint)
    }

    private static let lastConfig = Mutex<(config: Data, base64: String)?>(nil)

    /// `config` as base64 (how JSON carries `Data`), from the one-entry cache when it matches.
    static func base64(_ config: Data) -> String {
        if let cached = lastConfig.withLock({ $0 }), cached.config == config { return cached.base64 }
        let text = config.base64EncodedString()
        lastConfig.withLock { $0 = (config, text) }
        return text
    }
}

/// `ACK`: the message `msgID` was committed.
public struct Ack: Sendable, Hashable, Codable {
    public var msgID: UInt64

    public init(msgID: UInt64) { self.msgID = msgID }

    enum CodingKeys: String, CodingKey { case msgID = "msg_id" }
}

/// `PING` / `PONG`: liveness; `sentAt` is the sender's clock in seconds, echoed by `PONG`.
public struct Heartbeat: Sendable, Hashable, Codable {
    public var sentAt: Double
    /// In `PONG`: false when the coordinator does not know the worker (it restarted, or gave the
    /// worker up after a silence the worker itself did not notice): the worker must say HELLO
    /// again. Absent otherwise.
    public var known: Bool?

    public init(sentAt: Double, known: Bool? = nil) {
        self.sentAt = sentAt
        self.known = known
    }

    enum CodingKeys: String, CodingKey {
        case sentAt = "sent_at"
        case known
    }
}

/// `RATE_GRANT`: a share of an endpoint's budget, `requests` and `tokens` to spend evenly over
/// `seconds` (usable until `validUntil`, seconds since 1970, on the coordinator's clock). It
/// replaces the worker's previous grant for the endpoint; zero requests mean: send nothing, ask
/// again after `seconds`. Workers pace by `seconds`, which no clock skew between hosts distorts.
public struct RateGrant: Sendable, Hashable, Codable {
    public var endpoint: String
    public var requests: Int
    public var tokens: Int
    public var validUntil: Double
    /// The grant's length from when it was sent (absent from older coordinators).
    public var seconds: Double?

    public init(endpoint: String, requests: Int, tokens: Int, validUntil: Double, seconds: Double? = nil) {
        self.endpoint = endpoint
        self.requests = requests
        self.tokens = tokens
        self.validUntil = validUntil
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case endpoint, requests, tokens, validUntil = "valid_until", seconds
    }
}

/// `RATE_PAUSE`: send nothing to `endpoint` for the next `untilSeconds` seconds (a duration, so
/// that clock skew between hosts does not matter), and drop any grant held for it.
public struct RatePause: Sendable, Hashable, Codable {
    public var endpoint: String
    public var untilSeconds: Double

    public init(endpoint: String, untilSeconds: Double) {
        self.endpoint = endpoint
        self.untilSeconds = untilSeconds
    }

    enum CodingKeys: String, CodingKey { case endpoint, untilSeconds = "until_seconds" }
}

/// `CANCEL`: stop working on a task under `leaseID`.
public struct Cancel: Sendable, Hashable, Codable {
    public var taskID: String
    /// The lease cancelled. A worker that runs the task under a newer lease (the coordinator
    /// re-leased it to the same worker) keeps running it; nil cancels the task under any lease.
    public var leaseID: String?
    public var reason: String

    public init(taskID: String, leaseID: String? = nil, reason: String) {
        self.taskID = taskID
        self.leaseID = leaseID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case taskID = "task_id", leaseID = "lease_id", reason }
}

/// `BYE`: the sender is leaving.
public struct Bye: Sendable, Hashable, Codable {
    public var reason: String

    public init(reason: String) { self.reason = reason }
}

/// `STATUS_REPLY`: the coordinator's status report as JSON (the `collider status --json`
/// document, docs/report.md), opaque to the transport.
public struct StatusReply: Sendable, Hashable, Codable {
    public var report: Data

    public init(report: Data) { self.report = report }
}
