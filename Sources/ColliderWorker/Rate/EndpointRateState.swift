import ColliderLLM
import ColliderTransport

/// A worker's side of one endpoint's fleet rate budget as a value-type state machine: when to
/// send RATE_REQ (demand seen, the current grant past `askAhead`, or a 429 to report), what to do
/// with a RATE_GRANT or RATE_PAUSE, and when the coordinator counts as unreachable so the worker
/// grants itself a local share. Times are seconds on the caller's monotonic clock.
struct EndpointRateState: Sendable {
    /// What the shell does next.
    enum Step: Sendable, Equatable {
        /// Send this RATE_REQ.
        case ask(RateRequest)
        /// Give the endpoint's gate this capacity, spent paced over `seconds` from now; it
        /// replaces the previous grant.
        case grant(requests: Int, tokens: Int, seconds: Double)
        /// Nothing goes to the endpoint for `seconds`; drop the grant.
        case pause(seconds: Double)
    }

    let endpoint: String
    let requestsPerMinute: Int
    let tokensPerMinute: Int
    let options: FleetRateOptions
    /// Whether the capacity in force is a self-granted local share.
    private(set) var fallingBack = false
    private var askAt = 0.0
    private var outstandingSince: Double?
    private var lastActive: Double?
    /// Requests and tokens a second of the last non-empty grant from the coordinator.
    private var lastRate: (requests: Double, tokens: Double)?
    private var unreported429 = 0
    private var unreportedRetryAfter: Double?

    init(endpoint: String, requestsPerMinute: Int, tokensPerMinute: Int, options: FleetRateOptions) {
        self.endpoint = endpoint
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.options = options
    }

    /// What the gate saw since the last tick, at `now`.
    mutating func tick(now: Double, activity: GateActivity) -> [Step] {
        var steps: [Step] = []
        if activity.wantsCapacity { lastActive = now }
        if activity.rateLimited > 0 {
            // Report at once, whatever is outstanding: the fleet should pause together.
            unreported429 += activity.rateLimited
            if let retryAfter = activity.retryAfterSeconds {
                unreportedRetryAfter = max(unreportedRetryAfter ?? retryAfter, retryAfter)
            }
            askAt = now
            outstandingSince = nil
        }
        if let since = outstandingSince, now - since >= options.replyTimeout {
            outstandingSince = nil
            fallingBack = true
            askAt = now
            steps.append(localShare())
        }
        let active = lastActive.map { now - $0 < options.idleSeconds } ?? false
        if outstandingSince == nil, now >= askAt, active || unreported429 > 0 {
            steps.append(.ask(request()))
            unreported429 = 0
            unreportedRetryAfter = nil
            outstandingSince = now
        }
        return steps
    }

    /// A RATE_GRANT of `requests` and `tokens` over `seconds` arrived at `now`.
    mutating func received(requests: Int, tokens: Int, seconds: Double, now: Double) -> [Step] {
        outstandingSince = nil
        fallingBack = false
        let length = max(seconds, 0.01)
        if requests > 0 {
            lastRate = (Double(requests) / length, Double(tokens) / length)
            askAt = now + length * options.askAhead
        } else {
            askAt = now + min(length, options.grantSeconds)
        }
        return [.grant(requests: requests, tokens: tokens, seconds: length)]
    }

    /// A RATE_PAUSE for `seconds` arrived at `now`.
    mutating func paused(seconds: Double, now: Double) -> [Step] {
        askAt = max(askAt, now + seconds)
        return [.pause(seconds: max(0, seconds))]
    }

    /// A RATE_REQ for `grantSeconds` of the whole limits, with the 429s not yet reported.
    private func request() -> RateRequest {
        RateRequest(
            endpoint: endpoint, requests: amount(perMinute: requestsPerMinute), tokens: amount(perMinute: tokensPerMinute),
            rateLimited: unreported429 > 0 ? unreported429 : nil, retryAfterSeconds: unreportedRetryAfter)
    }

    private func amount(perMinute: Int) -> Int {
        perMinute > 0 ? Int((Double(perMinute) / 60 * options.grantSeconds).rounded(.up)) : 0
    }

    /// A self-granted share lasting until the next reply timeout could renew it: the rate of the
    /// last coordinator grant, or `fallbackShare` of the limits before there was one.
    private func localShare() -> Step {
        let rate =
            lastRate
            ?? (Double(requestsPerMinute) / 60 * options.fallbackShare, Double(tokensPerMinute) / 60 * options.fallbackShare)
        var seconds = options.replyTimeout + options.grantSeconds
        if rate.requests > 0 { seconds = max(seconds, 1 / rate.requests) }  // at least one whole request
        return .grant(
            requests: Int((rate.requests * seconds + 1e-9).rounded(.down)), tokens: Int((rate.tokens * seconds).rounded(.down)),
            seconds: seconds)
    }
}
