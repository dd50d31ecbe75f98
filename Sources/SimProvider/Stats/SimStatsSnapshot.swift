/// What `GET /sim/stats` returns: counters over every `POST /v1/chat/completions` so far.
public struct SimStatsSnapshot: Sendable, Equatable, Codable {
    /// Chat-completion requests received.
    public var requests: Int
    /// Responses by HTTP status code (`"200"`, `"429"`, …); hangs and resets have none.
    public var byStatus: [String: Int]
    /// Requests by role (`task`, `loss`, …).
    public var byRole: [String: Int]
    /// Injected faults by kind (`500`, `503`, `hang`, `reset`, `truncated`, `empty`).
    public var faults: [String: Int]
    /// Prompt tokens of answered requests (status 200), at 4 characters a token.
    public var promptTokens: Int
    /// Completion tokens of answered requests (status 200).
    public var completionTokens: Int
    /// The most chat-completion requests in flight at once.
    public var peakConcurrency: Int
    /// Chat-completion requests in flight now.
    public var inFlight: Int

    enum CodingKeys: String, CodingKey {
        case requests
        case byStatus = "by_status"
        case byRole = "by_role"
        case faults
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case peakConcurrency = "peak_concurrency"
        case inFlight = "in_flight"
    }

    /// All counters at zero.
    public init() {
        requests = 0
        byStatus = [:]
        byRole = [:]
        faults = [:]
        promptTokens = 0
        completionTokens = 0
        peakConcurrency = 0
        inFlight = 0
    }
}
