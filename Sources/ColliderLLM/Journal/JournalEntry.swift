import ColliderCore

/// One completed call, stored so a resumed task can replay it instead of paying for it again.
public struct JournalEntry: Sendable, Equatable, Codable {
    /// The call key the entry answers (`CallKey.make`).
    public var callKey: String
    /// SHA-256 (hex) of the canonical request body, which holds nothing attempt-specific.
    public var requestHash: String
    /// The reply's content.
    public var content: String
    /// The provider's `finish_reason`.
    public var finishReason: String
    /// Usage of the successful attempt.
    public var usage: Usage
    /// Dollars the call cost when it was made.
    public var costUSD: Double
    /// Wall time of the call when it was made.
    public var latencySeconds: Double
    /// Every attempt of the call when it was made.
    public var attempts: [AttemptRecord]

    public init(
        callKey: String, requestHash: String, content: String, finishReason: String, usage: Usage, costUSD: Double,
        latencySeconds: Double, attempts: [AttemptRecord]
    ) {
        self.callKey = callKey
        self.requestHash = requestHash
        self.content = content
        self.finishReason = finishReason
        self.usage = usage
        self.costUSD = costUSD
        self.latencySeconds = latencySeconds
        self.attempts = attempts
    }

    /// The entry for `reply` to the request whose body hashes to `requestHash`.
    public init(callKey: String, requestHash: String, reply: LLMReply) {
        self.init(
            callKey: callKey, requestHash: requestHash, content: reply.content, finishReason: reply.finishReason,
            usage: reply.usage, costUSD: reply.costUSD, latencySeconds: reply.latencySeconds,
            attempts: reply.attempts)
    }

    /// The reply a replay returns: the recorded answer, no attempts, no cost.
    public var replayedReply: LLMReply {
        LLMReply(
            content: content, finishReason: finishReason, usage: usage, attempts: [], costUSD: 0,
            latencySeconds: 0, fromJournal: true)
    }
}
