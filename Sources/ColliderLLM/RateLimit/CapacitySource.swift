import ColliderCore

/// Where an endpoint's request and token capacity comes from. Locally it is a pair of token
/// buckets; in a fleet the coordinator leases short grants of the shared budget (`grant`). The rate
/// limiter asks it for capacity and tells it about corrections; it holds no clock.
public protocol CapacitySource: Sendable {
    /// Takes one request and `tokens` tokens at `now`, with refill slowed by `rateFactor` (0…1)
    /// after rate-limit responses. Returns nil when taken, otherwise the earliest instant worth
    /// asking again.
    mutating func take(tokens: Int, rateFactor: Double, now: ContinuousClock.Instant) -> ContinuousClock.Instant?
    /// Corrects the token count of an earlier `take` once the real usage is known: positive gives
    /// tokens back, negative charges more.
    mutating func settle(tokenDelta: Int)
    /// Drops capacity banked so far, after the provider answered 429.
    mutating func drain()
    /// Capacity granted at `now` by an outside authority, usable until `until`.
    mutating func grant(requests: Int, tokens: Int, now: ContinuousClock.Instant, until: ContinuousClock.Instant)
}

/// A refilling bucket: `capacity` at most, `perSecond` added per second (scaled by a rate factor).
struct Bucket: Sendable, Equatable {
    var capacity: Double
    var perSecond: Double
    var level: Double

    /// A full bucket for `perMinute` units a minute holding `burstSeconds` of them (at least one
    /// unit); non-positive limits mean unlimited.
    init(perMinute: Int, burstSeconds: Double) {
        perSecond = perMinute > 0 ? Double(perMinute) / 60 : .infinity
        capacity = perMinute > 0 ? max(1, perSecond * burstSeconds) : .infinity
        level = capacity
    }

    /// A bucket refilled at `perSecond` (infinite: unlimited) holding `burstSeconds` of it, at
    /// least `minimum`.
    init(perSecond: Double, burstSeconds: Double, minimum: Double, level: Double) {
        self.perSecond = perSecond
        capacity = perSecond.isFinite ? max(minimum, perSecond * burstSeconds) : .infinity
        self.level = perSecond.isFinite ? min(level, capacity) : .infinity
    }

    mutating func refill(seconds: Double, rateFactor: Double) {
        guard capacity.isFinite else { return }
        level = min(capacity, level + perSecond * rateFactor * seconds)
    }

    /// Forgets banked capacity; an unlimited bucket stays unlimited.
    mutating func drain() {
        guard capacity.isFinite else { return }
        level = min(level, 0)
    }

    /// Seconds until `amount` is available at `rateFactor`.
    func secondsUntil(_ amount: Double, rateFactor: Double) -> Double {
        guard capacity.isFinite, level < amount else { return 0 }
        return (amount - level) / (perSecond * max(rateFactor, 1e-6))
    }
}

/// The default source: requests-per-minute and tokens-per-minute buckets of this process alone.
/// A request larger than the token bucket goes once the bucket is full, leaving it in debt.
public struct LocalTokenBuckets: CapacitySource {
    private var requests: Bucket
    private var tokens: Bucket
    private var lastRefill: ContinuousClock.Instant?

    /// Buckets for the given per-minute limits (zero or negative: unlimited), each holding
    /// `burstSeconds` of its limit.
    public init(requestsPerMinute: Int, tokensPerMinute: Int, burstSeconds: Double) {
        requests = Bucket(perMinute: requestsPerMinute, burstSeconds: burstSeconds)
        tokens = Bucket(perMinute: tokensPerMinute, burstSeconds: burstSeconds)
    }

    public mutating func take(tokens count: Int, rateFactor: Double, now: ContinuousClock.Instant)
        -> ContinuousClock.Instant?
    {
        if let lastRefill, now > lastRefill {
            let seconds = (now - lastRefill).seconds
            requests.refill(seconds: seconds, rateFactor: rateFactor)
            tokens.refill(seconds: seconds, rateFactor: rateFactor)
        }
        lastRefill = max(lastRefill ?? now, now)
        let needed = min(Double(count), tokens.capacity)
        if requests.level >= 1 && tokens.level >= needed {
            requests.level -= 1
            tokens.level -= Double(count)
            return nil
        }
        let wait = max(
            requests.secondsUntil(1, rateFactor: rateFactor), tokens.secondsUntil(needed, rateFactor: rateFactor))
        return now + .seconds(max(wait, 0.001))
    }

    public mutating func settle(tokenDelta: Int) {
        tokens.level = min(tokens.capacity, tokens.level + Double(tokenDelta))
    }

    public mutating func drain() {
        requests.drain()
        tokens.drain()
    }

    /// Local buckets count granted capacity as extra, spent before it expires or not at all.
    public mutating func grant(
        requests count: Int, tokens amount: Int, now: ContinuousClock.Instant, until: ContinuousClock.Instant
    ) {
        requests.level += Double(count)
        tokens.level += Double(amount)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
