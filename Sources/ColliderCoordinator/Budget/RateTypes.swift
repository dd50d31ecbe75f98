import Foundation

/// One endpoint's limits, for the whole fleet.
public struct EndpointLimits: Sendable, Equatable {
    /// Requests per minute for the whole fleet.
    public var requestsPerMinute: Int
    /// Tokens per minute for the whole fleet.
    public var tokensPerMinute: Int

    public init(requestsPerMinute: Int, tokensPerMinute: Int) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
    }
}

/// How the fleet budget hands out capacity and reacts to 429s.
public struct FleetBudgetPolicy: Sendable, Equatable {
    /// Seconds of capacity one grant covers, and how long it is valid (1–5).
    public var grantSeconds: TimeInterval
    /// The rate multiplier applied on a 429 (multiplicative decrease).
    public var decrease: Double
    /// The rate never falls below this fraction of the limits.
    public var minimumFactor: Double
    /// Pause after a 429 without `Retry-After`.
    public var defaultPause: TimeInterval
    /// Fraction of the limits regained per `recoveryInterval` after a pause (additive increase).
    public var recoveryStep: Double
    /// Seconds per recovery step.
    public var recoveryInterval: TimeInterval

    public init(
        grantSeconds: TimeInterval = 2, decrease: Double = 0.5, minimumFactor: Double = 0.05,
        defaultPause: TimeInterval = 5, recoveryStep: Double = 0.05, recoveryInterval: TimeInterval = 5
    ) {
        self.grantSeconds = min(5, max(1, grantSeconds))
        self.decrease = decrease
        self.minimumFactor = minimumFactor
        self.defaultPause = defaultPause
        self.recoveryStep = recoveryStep
        self.recoveryInterval = recoveryInterval
    }
}

/// Capacity a worker may spend on one endpoint until `expiresAt`, paced evenly: `requests` and
/// `tokens` over the time from the grant to `expiresAt`. It replaces the worker's previous grant
/// on the endpoint. A grant of zero requests means: send nothing, ask again at `expiresAt`.
public struct RateGrant: Sendable, Equatable {
    /// Name of the endpoint in the sweep config.
    public var endpoint: String
    /// Requests the worker may send.
    public var requests: Int
    /// Tokens those requests may use.
    public var tokens: Int
    /// End of the grant; unspent capacity returns to the fleet then.
    public var expiresAt: Date

    public init(endpoint: String, requests: Int, tokens: Int, expiresAt: Date) {
        self.endpoint = endpoint
        self.requests = requests
        self.tokens = tokens
        self.expiresAt = expiresAt
    }
}

/// What happens to the fleet budget. Every event carries `now`.
public enum BudgetEvent: Sendable, Equatable {
    /// RATE_REQ: a worker asks for capacity on an endpoint.
    case rateRequest(WorkerID, endpoint: String, requests: Int, tokens: Int, now: Date)
    /// A worker saw a 429 from the endpoint.
    case report429(endpoint: String, retryAfter: TimeInterval?, now: Date)
    /// Time passed: expired grants are reclaimed, the rate recovers.
    case tick(now: Date)
}

/// What the fleet budget asks its shell to send.
public enum BudgetAction: Sendable, Equatable {
    /// RATE_GRANT to one worker.
    case grant(WorkerID, RateGrant)
    /// RATE_PAUSE to `holders`, every worker holding or asking for the endpoint's capacity:
    /// nobody calls the endpoint before `until`.
    case pause(endpoint: String, until: Date, holders: [WorkerID])
    /// The worker asked for an endpoint the sweep does not have.
    case unknownEndpoint(WorkerID, endpoint: String)
}
