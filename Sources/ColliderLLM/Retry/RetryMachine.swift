import ColliderCore

/// What to do after a failed attempt.
public enum RetryDecision: Sendable, Equatable {
    /// Sleep this long, then try again.
    case retry(afterSeconds: Double)
    /// Give up; `reason` says why.
    case stop(reason: String)
}

/// The retry state of one call: fed each failed attempt, it answers retry-after-delay or stop.
/// Exponential backoff with full jitter (a uniform delay in [0, min(max, base·2ⁿ⁻¹)]), never shorter
/// than the server's `Retry-After`. No clock inside: the caller sleeps.
public struct RetryMachine<Generator: RandomNumberGenerator & Sendable>: Sendable {
    /// The limits this call is retried under.
    public let policy: RetryPolicy
    private var generator: Generator
    /// Failed attempts seen so far.
    public private(set) var failures = 0
    /// Seconds of backoff handed out so far.
    public private(set) var totalBackoffSeconds: Double = 0
    private var lastDeterministicError: String?
    private var identicalInARow = 0

    public init(policy: RetryPolicy, generator: Generator) {
        self.policy = policy
        self.generator = generator
    }

    /// The decision after `failure`, the latest attempt's.
    public mutating func next(after failure: AttemptFailure) -> RetryDecision {
        failures += 1
        switch failure.failure {
        case .config, .bug, .cancelled:
            return .stop(reason: "\(failure.failure) errors are not retried")
        case .infra, .model:
            break
        }
        if failure.isDeterministic {
            let signature = "\(failure.status ?? 0) \(failure.message)"
            identicalInARow = signature == lastDeterministicError ? identicalInARow + 1 : 1
            lastDeterministicError = signature
            if identicalInARow >= policy.identicalErrorLimit {
                return .stop(reason: "the same error \(identicalInARow) times in a row")
            }
        } else {
            lastDeterministicError = nil
            identicalInARow = 0
        }
        if failures >= policy.maxAttempts {
            return .stop(reason: "gave up after \(failures) attempts")
        }
        let exponent = Double(min(failures - 1, 62))
        let ceiling = min(policy.maxDelaySeconds, policy.baseDelaySeconds * Double.pow2(exponent))
        var delay = ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : 0
        if let retryAfter = failure.retryAfterSeconds { delay = max(delay, retryAfter) }
        if totalBackoffSeconds + delay > policy.maxTotalBackoffSeconds {
            return .stop(reason: "the backoff budget of \(policy.maxTotalBackoffSeconds) s is spent")
        }
        totalBackoffSeconds += delay
        return .retry(afterSeconds: delay)
    }
}

extension Double {
    /// 2 to the power `exponent`.
    fileprivate static func pow2(_ exponent: Double) -> Double {
        Double(sign: .plus, exponent: Int(exponent), significand: 1)
    }
}
