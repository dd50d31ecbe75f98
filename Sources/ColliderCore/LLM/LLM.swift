/// Anything that answers chat-completion requests: the libcurl client, the journal replay, a
/// scripted model in tests. The pipeline talks only to this protocol.
public protocol LLM: Sendable {
    /// Answers one request, retrying transport failures as its policy allows.
    func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply
}

/// One chat-completion request: a single user message and the role's sampling parameters.
public struct LLMRequest: Sendable, Equatable, Codable {
    public var role: Role
    /// The journal key of this call (architecture.md, "Checkpoints and the call journal").
    public var callKey: String
    /// Name of the endpoint in the sweep config.
    public var endpoint: String
    public var model: String
    /// The user message, with the role's prompt suffix already appended.
    public var prompt: String
    public var temperature: Double
    public var maxTokens: Int
    /// Sent as the request's `seed` when set.
    public var seed: Int?
    /// Merged into the request body.
    public var extraBody: [String: JSONValue]
    public var timeoutSeconds: Double
    public var connectTimeoutSeconds: Double

    public init(
        role: Role, callKey: String, endpoint: String, model: String, prompt: String,
        temperature: Double, maxTokens: Int, seed: Int? = nil, extraBody: [String: JSONValue] = [:],
        timeoutSeconds: Double = 60, connectTimeoutSeconds: Double = 10
    ) {
        self.role = role
        self.callKey = callKey
        self.endpoint = endpoint
        self.model = model
        self.prompt = prompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
        self.extraBody = extraBody
        self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }
}

/// Token usage as the provider reported it.
public struct Usage: Sendable, Equatable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// Prompt tokens served from the provider's cache (`cached_tokens` or DeepSeek's
    /// `prompt_cache_hit_tokens`).
    public var cachedTokens: Int

    public init(promptTokens: Int = 0, completionTokens: Int = 0, cachedTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
    }
}

/// Why a call failed (architecture.md, "Rate limits, retries, cost").
public enum FailureClass: String, Sendable, Equatable, Codable, CaseIterable {
    /// 429, 5xx, timeouts, connection errors: retried with backoff, never scored as model failures.
    case infra
    /// A reply that does not parse or is empty: re-sampled.
    case model
    /// Any other 4xx: fails fast with the server's message.
    case config
    /// collider's own fault.
    case bug
    /// The caller cancelled.
    case cancelled
}

/// One attempt at a call, failed ones included.
public struct AttemptRecord: Sendable, Equatable, Codable {
    /// HTTP status, nil when no response arrived.
    public var status: Int?
    /// nil for a successful attempt.
    public var failure: FailureClass?
    public var latencySeconds: Double
    public var usage: Usage
    public var dollars: Double

    public init(status: Int?, failure: FailureClass?, latencySeconds: Double, usage: Usage, dollars: Double) {
        self.status = status
        self.failure = failure
        self.latencySeconds = latencySeconds
        self.usage = usage
        self.dollars = dollars
    }
}

/// A completed call.
public struct LLMReply: Sendable, Equatable, Codable {
    public var content: String
    public var finishReason: String?
    /// Usage of the successful attempt.
    public var usage: Usage
    /// Every attempt, the successful one last.
    public var attempts: [AttemptRecord]
    /// Dollars of all attempts.
    public var costUSD: Double
    public var latencySeconds: Double
    /// Whether the reply came from the call journal (no network, no cost).
    public var fromJournal: Bool

    public init(
        content: String, finishReason: String? = "stop", usage: Usage = Usage(), attempts: [AttemptRecord] = [],
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

/// A call that failed for good. Its description names the endpoint, role and call key, never a key.
public struct LLMError: Error, Sendable, Equatable, CustomStringConvertible {
    public var failure: FailureClass
    public var message: String
    public var attempts: [AttemptRecord]

    public init(_ failure: FailureClass, _ message: String, attempts: [AttemptRecord] = []) {
        self.failure = failure
        self.message = message
        self.attempts = attempts
    }

    public var description: String { "\(failure.rawValue) error: \(message)" }
}
