import ColliderCore
import Synchronization

/// Running totals of a run's calls: what the summary reports and the checkpoint carries forward.
public struct RunStats: Sendable, Equatable, Codable {
    /// Completed calls by role, re-samples included.
    public var calls = CallCounts()
    /// Calls by role that were re-samples of an unusable reply.
    public var resamples = CallCounts()
    /// Failures by class (`FailureClass` raw values); an unusable reply counts as `model`.
    public var failures: [String: Int] = [:]
    /// Task items recorded as parse failures after the last attempt.
    public var parseFailures = 0
    public var promptTokens = 0
    public var completionTokens = 0
    public var cachedTokens = 0
    public var dollars = 0.0
    /// Wall-clock seconds spent in completed steps.
    public var wallSeconds = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case calls, resamples, failures, dollars
        case parseFailures = "parse_failures"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case cachedTokens = "cached_tokens"
        case wallSeconds = "wall_seconds"
    }

    mutating func add(reply: LLMReply, role: Role, isResample: Bool) {
        calls += CallCounts.one(role)
        if isResample { resamples += CallCounts.one(role) }
        promptTokens += reply.usage.promptTokens
        completionTokens += reply.usage.completionTokens
        cachedTokens += reply.usage.cachedTokens
        dollars += reply.costUSD
        for attempt in reply.attempts {
            if let failure = attempt.failure { failures[failure.rawValue, default: 0] += 1 }
        }
    }

    mutating func add(failure: FailureClass) {
        failures[failure.rawValue, default: 0] += 1
    }
}

extension CallCounts {
    /// One call of `role`.
    static func one(_ role: Role) -> CallCounts {
        switch role {
        case .task: CallCounts(task: 1)
        case .loss: CallCounts(loss: 1)
        case .gradient: CallCounts(gradient: 1)
        case .optimizer: CallCounts(optimizer: 1)
        case .judge: CallCounts(judge: 1)
        }
    }
}

/// The run's stats, updated from concurrent calls.
final class StatsLedger: Sendable {
    private let stats: Mutex<RunStats>

    init(_ initial: RunStats) {
        stats = Mutex(initial)
    }

    func update(_ body: (inout RunStats) -> Void) {
        stats.withLock { body(&$0) }
    }

    var snapshot: RunStats {
        stats.withLock { $0 }
    }
}
