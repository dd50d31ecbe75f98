/// Token counts of one call as the provider reported them.
public struct Usage: Sendable, Equatable, Codable {
    /// Prompt tokens, cached ones included.
    public var promptTokens: Int
    /// Generated tokens.
    public var completionTokens: Int
    /// Prompt tokens served from the provider's prompt cache (OpenAI `cached_tokens`, DeepSeek
    /// `prompt_cache_hit_tokens`).
    public var cachedTokens: Int

    public init(promptTokens: Int = 0, completionTokens: Int = 0, cachedTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
    }

    /// Usage of nothing.
    public static let zero = Usage()

    /// Prompt plus completion tokens.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// The element-wise sum.
    public static func + (lhs: Usage, rhs: Usage) -> Usage {
        Usage(
            promptTokens: lhs.promptTokens + rhs.promptTokens,
            completionTokens: lhs.completionTokens + rhs.completionTokens,
            cachedTokens: lhs.cachedTokens + rhs.cachedTokens)
    }
}

/// One attempt at a call, failed ones included.
public struct AttemptRecord: Sendable, Equatable, Codable {
    /// The HTTP status, nil when no response arrived (timeout, connection error).
    public var status: Int?
    /// Why the attempt failed; nil for the attempt that succeeded.
    public var failure: FailureClass?
    /// The failure as the server or transport described it, with secrets redacted.
    public var message: String?
    /// From sending to the complete response (or the failure).
    public var latencySeconds: Double
    /// Usage the provider reported for this attempt; zero when it sent none.
    public var usage: Usage
    /// This attempt's cost from the endpoint's price table.
    public var dollars: Double

    public init(
        status: Int?, failure: FailureClass?, message: String? = nil, latencySeconds: Double,
        usage: Usage, dollars: Double
    ) {
        self.status = status
        self.failure = failure
        self.message = message
        self.latencySeconds = latencySeconds
        self.usage = usage
        self.dollars = dollars
    }
}

/// A completed call.
public struct LLMReply: Sendable, Equatable {
    /// The reply's text (`choices[0].message.content`).
    public var content: String
    /// The provider's `finish_reason` (`stop`, `length`, …), empty when it sent none.
    public var finishReason: String
    /// Usage of the successful attempt.
    public var usage: Usage
    /// Every attempt, the successful one last; empty for a journal replay.
    public var attempts: [AttemptRecord]
    /// Dollars over all attempts; zero for a journal replay.
    public var costUSD: Double
    /// Wall time from the first attempt's start to the reply, backoff included.
    public var latencySeconds: Double
    /// Whether the reply was replayed from the call journal instead of the network.
    public var fromJournal: Bool

    public init(
        content: String, finishReason: String = "stop", usage: Usage = .zero, attempts: [AttemptRecord] = [],
        costUSD: Double = 0, latencySeconds: Double = 0, fromJournal: Bool = false
    ) {
        self.content = content
        self.finishReason = finishReason
        self.usage = usage
        self.attempts = attempts
        self.costUSD = costUSD
        self.latencySeconds = latencySeconds
        self.fromJournal = fromJournal
    }
}
