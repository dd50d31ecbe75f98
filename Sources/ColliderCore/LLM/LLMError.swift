
/// Why a call failed, in the classes the coordinator's `FAIL` message carries.
public enum FailureClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Rate limits, 5xx, timeouts, broken connections: retried, never scored as model failures.
    case infra
    /// The model's reply is unusable (empty content): re-sampled.
    case model
    /// The request or the configuration is wrong (4xx other than 429, unknown endpoint): fails fast.
    case config
    /// collider itself is wrong.
    case bug
    /// The caller cancelled the call.
    case cancelled
}

/// A failed call: its class, where it happened, the (redacted) reason and every attempt made.
public struct LLMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which class of failure, deciding retries and scoring upstream.
    public var failure: FailureClass
    /// The reason, already redacted; the place is in `endpoint`, `role` and `callKey`.
    public var message: String
    /// The endpoint name the call went to.
    public var endpoint: String
    /// The pipeline role that made the call.
    public var role: Role
    /// The call's key.
    public var callKey: String
    /// The HTTP status of the last attempt, if it got one.
    public var status: Int?
    /// Every attempt made, failed ones included.
    public var attempts: [AttemptRecord]

    public init(
        _ failure: FailureClass, _ message: String, endpoint: String, role: Role, callKey: String,
        status: Int? = nil, attempts: [AttemptRecord] = []
    ) {
        self.failure = failure
        self.message = message
        self.endpoint = endpoint
        self.role = role
        self.callKey = callKey
        self.status = status
        self.attempts = attempts
    }

    /// An error about `request`, with its endpoint, role and call key.
    public init(
        _ failure: FailureClass, _ message: String, request: LLMRequest, status: Int? = nil,
        attempts: [AttemptRecord] = []
    ) {
        self.init(
            failure, message, endpoint: request.endpoint, role: request.role, callKey: request.callKey,
            status: status, attempts: attempts)
    }

    public var description: String {
        let statusText = status.map { " (HTTP \($0))" } ?? ""
        let plural = attempts.count == 1 ? "" : "s"
        return "\(failure) error on endpoint '\(endpoint)', role \(role.rawValue), call \(callKey)"
            + "\(statusText) after \(attempts.count) attempt\(plural): \(message)"
    }
}
