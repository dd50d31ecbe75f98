/// One completed call, stored so a resumed task can replay it instead of paying for it again.
public struct JournalEntry: Sendable, Equatable, Codable {
    public var callKey: String
    /// SHA-256 (hex) of the canonical request body, which holds nothing attempt-specific.
    public var requestHash: String
    public var content: String
    public var finishReason: String
    public var usage: Usage
    public var costUSD: Double
    public var latencySeconds: Double
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
