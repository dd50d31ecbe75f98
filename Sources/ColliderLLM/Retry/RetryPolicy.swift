import ColliderCore

/// A failed attempt as the retry logic sees it.
public struct AttemptFailure: Sendable, Equatable {
    /// The class that decides whether and how to retry.
    public var failure: FailureClass
    /// The HTTP status, nil when no response arrived.
    public var status: Int?
    /// The reason, as the server or transport gave it.
    public var message: String
    /// What the server asked for (`Retry-After`, `retry-after-ms`), in seconds.
    public var retryAfterSeconds: Double?
    /// Usage the failed attempt still reported (an empty completion is billed).
    public var usage: Usage?

    public init(
        _ failure: FailureClass, status: Int? = nil, message: String, retryAfterSeconds: Double? = nil,
        usage: Usage? = nil
    ) {
        self.failure = failure
        self.status = status
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.usage = usage
    }

    /// Whether repeating the request would most likely fail the same way: an HTTP error other than a
    /// rate limit, which carries the server's own message.
    var isDeterministic: Bool {
        guard let status else { return false }
        return status != 429 && failure != .model
    }
}

/// The result of one attempt.
public enum AttemptOutcome: Sendable, Equatable {
    case success(content: String, finishReason: String, usage: Usage)
    case failure(AttemptFailure)
}

/// How often and how patiently a call is retried (architecture: "Rate limits, retries, cost").
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// The backoff ceiling of the first retry; it doubles per retry up to `maxDelaySeconds`.
    public var baseDelaySeconds: Double
    /// The backoff ceiling of any single retry.
    public var maxDelaySeconds: Double
    /// The most a call may spend sleeping between attempts.
    public var maxTotalBackoffSeconds: Double
    /// The same deterministic error this many times in a row ends the call early.
    public var identicalErrorLimit: Int

    public init(
        maxAttempts: Int = 8, baseDelaySeconds: Double = 1, maxDelaySeconds: Double = 60,
        maxTotalBackoffSeconds: Double = 600, identicalErrorLimit: Int = 3
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.maxTotalBackoffSeconds = maxTotalBackoffSeconds
        self.identicalErrorLimit = identicalErrorLimit
    }

    /// Classifies an HTTP response: 429, 408 and 5xx are infra; other 4xx are config; a success
    /// whose content is null or empty is model; an unparseable success is infra (a broken proxy or a
    /// cut-off body, not the model's answer).
    public static func classify(status: Int, response: ChatResponse, retryAfterSeconds: Double?) -> AttemptOutcome {
        let success = (200..<300).contains(status)
        switch response {
        case .completion(let content, let finishReason, let usage) where success:
            guard let content, !content.isEmpty else {
                return .failure(
                    AttemptFailure(
                        .model, status: status, message: "the reply has empty content", usage: usage))
            }
            return .success(content: content, finishReason: finishReason ?? "", usage: usage ?? .zero)
        case .completion:
            return .failure(AttemptFailure(failure(status: status), status: status, message: "HTTP \(status)"))
        case .malformed(let reason):
            return .failure(
                AttemptFailure(success ? .infra : failure(status: status), status: status, message: reason))
        case .error(let message):
            return .failure(
                AttemptFailure(
                    success ? .infra : failure(status: status), status: status, message: message,
                    retryAfterSeconds: retryAfterSeconds))
        }
    }

    /// Classifies a transfer that produced no response.
    public static func classify(_ error: TransportError) -> AttemptFailure {
        switch error.kind {
        case .timeout, .connection, .other: AttemptFailure(.infra, message: error.description)
        case .invalidRequest: AttemptFailure(.config, message: error.description)
        case .cancelled, .shutdown: AttemptFailure(.cancelled, message: error.description)
        }
    }

    private static func failure(status: Int) -> FailureClass {
        switch status {
        case 429, 408, 500...: .infra
        case 400..<500: .config
        default: .infra
        }
    }
}
