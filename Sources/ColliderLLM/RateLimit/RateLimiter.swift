import ColliderCore

/// The limits and the back-off shape of one endpoint.
public struct RateLimitSettings: Sendable, Equatable {
    /// Requests a minute; zero or less means unlimited.
    public var requestsPerMinute: Int
    /// Tokens (prompt + completion) a minute; zero or less means unlimited.
    public var tokensPerMinute: Int
    /// Requests in flight at once.
    public var maxInFlight: Int
    /// Seconds of each limit the local buckets hold, so the most sent in one burst. Providers
    /// enforce per-minute limits over shorter periods (a token bucket holding about a second, as
    /// the simulated provider does by default), so a full minute's burst would be answered 429.
    /// The default, half a second, stays below such a bucket: requests still in transit while the
    /// provider's bucket is full (the first ones also open connections) cost it refill the client's
    /// bucket does not lose, and the margin absorbs that instead of a 429 that halves the rate.
    public var burstSeconds: Double
    /// The rate factor is multiplied by this on a 429 (once per burst).
    public var decreaseFactor: Double
    /// The rate factor never drops below this.
    public var minimumRateFactor: Double
    /// The rate factor grows back by this much per second once a pause and its debounce are over.
    public var recoveryPerSecond: Double
    /// How long a 429 without `Retry-After` pauses the endpoint.
    public var defaultPauseSeconds: Double
    /// After a cut, further 429s within this window (or the pause, whichever is longer) cut no more.
    public var cutDebounceSeconds: Double

    public init(
        requestsPerMinute: Int, tokensPerMinute: Int, maxInFlight: Int, burstSeconds: Double = 0.5,
        decreaseFactor: Double = 0.5,
        minimumRateFactor: Double = 1.0 / 16, recoveryPerSecond: Double = 0.01, defaultPauseSeconds: Double = 1,
        cutDebounceSeconds: Double = 5
    ) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.maxInFlight = maxInFlight
        self.burstSeconds = burstSeconds
        self.decreaseFactor = decreaseFactor
        self.minimumRateFactor = minimumRateFactor
        self.recoveryPerSecond = recoveryPerSecond
        self.defaultPauseSeconds = defaultPauseSeconds
        self.cutDebounceSeconds = cutDebounceSeconds
    }

    /// The limits an endpoint's configuration names.
    public init(_ endpoint: EndpointConfig) {
        self.init(
            requestsPerMinute: endpoint.requestsPerMinute, tokensPerMinute: endpoint.tokensPerMinute,
            maxInFlight: endpoint.maxConcurrency)
    }
}

/// Leave to send one request; handed back with `release` when the request is over.
public struct Permit: Sendable, Hashable {
    /// Unique within its limiter.
    public let id: UInt64
    /// The tokens reserved before sending.
    public let estimatedTokens: Int
}

/// The limiter's answer to a request for capacity.
public enum RateDecision: Sendable, Equatable {
    case go(Permit)
    /// Ask again at `until`, or when a permit is released or capacity granted if `until` is nil.
    case wait(until: ContinuousClock.Instant?)
}

/// Per-endpoint rate limiting as a value-type state machine: requests/min and tokens/min (through
/// a `CapacitySource`), a cap on requests in flight, server hints (`x-ratelimit-*`), and AIMD
/// back-off on 429 — the whole endpoint pauses for `Retry-After`, the rate is cut multiplicatively
/// once per burst and recovers additively. Callers pass `now`; nothing here reads a clock or sleeps.
public struct RateLimiter: Sendable {
    /// The limits this machine enforces.
    public let settings: RateLimitSettings
    private var source: any CapacitySource
    /// The share of the nominal rate in use, in [minimumRateFactor, 1].
    public private(set) var rateFactor: Double = 1
    /// The endpoint is paused until then after a 429.
    public private(set) var pausedUntil: ContinuousClock.Instant?
    /// How many multiplicative cuts happened.
    public private(set) var cuts = 0
    private var serverHoldUntil: ContinuousClock.Instant?
    private var cutQuietUntil: ContinuousClock.Instant?
    private var lastRecovery: ContinuousClock.Instant?
    private var inFlight: [UInt64: Int] = [:]
    private var nextPermit: UInt64 = 0

    /// A limiter with `source` for capacity, local token buckets for `settings` by default.
    public init(settings: RateLimitSettings, source: (any CapacitySource)? = nil) {
        self.settings = settings
        self.source =
            source
            ?? LocalTokenBuckets(
                requestsPerMinute: settings.requestsPerMinute, tokensPerMinute: settings.tokensPerMinute,
                burstSeconds: settings.burstSeconds)
    }

    /// Requests in flight.
    public var inFlightCount: Int { inFlight.count }

    /// Asks to send a request estimated at `estimate` tokens.
    public mutating func acquire(estimate: Int, now: ContinuousClock.Instant) -> RateDecision {
        recover(now: now)
        if let pausedUntil, now < pausedUntil { return .wait(until: pausedUntil) }
        if let serverHoldUntil, now < serverHoldUntil { return .wait(until: serverHoldUntil) }
        if inFlight.count >= max(1, settings.maxInFlight) { return .wait(until: nil) }
        if let retryAt = source.take(tokens: estimate, rateFactor: rateFactor, now: now) {
            return .wait(until: retryAt)
        }
        nextPermit += 1
        inFlight[nextPermit] = estimate
        return .go(Permit(id: nextPermit, estimatedTokens: estimate))
    }

    /// Ends `permit`'s request; `actualTokens` (prompt + completion) corrects the estimate.
    public mutating func release(_ permit: Permit, actualTokens: Int?, now: ContinuousClock.Instant) {
        recover(now: now)
        guard inFlight.removeValue(forKey: permit.id) != nil else { return }
        if let actualTokens { source.settle(tokenDelta: permit.estimatedTokens - actualTokens) }
    }

    /// The provider answered 429: pause the endpoint for `retryAfterSeconds` (or the default), and
    /// cut the rate unless a cut already happened in this burst.
    public mutating func record429(retryAfterSeconds: Double?, now: ContinuousClock.Instant) {
        recover(now: now)
        let pauseEnd = now + .seconds(retryAfterSeconds ?? settings.defaultPauseSeconds)
        pausedUntil = max(pausedUntil ?? pauseEnd, pauseEnd)
        if let cutQuietUntil, now < cutQuietUntil { return }
        rateFactor = max(settings.minimumRateFactor, rateFactor * settings.decreaseFactor)
        cuts += 1
        source.drain()
        cutQuietUntil = max(pausedUntil ?? now, now + .seconds(settings.cutDebounceSeconds))
    }

    /// Reads the server's own accounting: an exhausted `remaining` holds sending until its reset —
    /// unless the headers name a per-minute limit no stricter than this limiter's own, which its
    /// local buckets already pace to. `reset` is the time until the server's bucket is *full* again;
    /// a token-bucket server admits the next request long before that, so a client pacing at the
    /// limit, whose every reply says `remaining: 0`, would lose about half its throughput holding
    /// until then. Should the server still refuse (another client on the same key), its 429 pauses
    /// and cuts the rate as usual.
    public mutating func observe(_ headers: RateLimitHeaders, now: ContinuousClock.Instant) {
        var holds: [Double] = []
        for (remaining, reset, serverLimit, ownLimit) in [
            (headers.remainingRequests, headers.resetRequestsSeconds, headers.limitRequests,
             settings.requestsPerMinute),
            (headers.remainingTokens, headers.resetTokensSeconds, headers.limitTokens, settings.tokensPerMinute),
        ] where remaining == 0 {
            if let serverLimit, ownLimit > 0, ownLimit <= serverLimit { continue }
            holds.append(reset ?? settings.defaultPauseSeconds)
        }
        guard let longest = holds.max() else { return }
        let holdEnd = now + .seconds(longest)
        serverHoldUntil = max(serverHoldUntil ?? holdEnd, holdEnd)
    }

    /// Capacity granted at `now` by an outside authority (the coordinator's fleet budget).
    public mutating func grant(requests: Int, tokens: Int, now: ContinuousClock.Instant, until: ContinuousClock.Instant) {
        source.grant(requests: requests, tokens: tokens, now: now, until: until)
    }

    /// An outside authority paused the endpoint (the fleet saw a 429): nothing goes before
    /// `until`, and capacity banked so far is dropped. The rate factor stays: the authority
    /// sizes its later grants to the fleet's back-off.
    public mutating func pause(until: ContinuousClock.Instant) {
        pausedUntil = max(pausedUntil ?? until, until)
        source.drain()
    }

    /// Additive increase, only once the pause and the cut's quiet window are over.
    private mutating func recover(now: ContinuousClock.Instant) {
        defer { lastRecovery = max(lastRecovery ?? now, now) }
        guard let lastRecovery, now > lastRecovery, rateFactor < 1 else { return }
        let quietEnd = max(cutQuietUntil ?? now, pausedUntil ?? now)
        guard now > quietEnd else { return }
        let from = max(lastRecovery, quietEnd)
        rateFactor = min(1, rateFactor + settings.recoveryPerSecond * (now - from).seconds)
    }
}
