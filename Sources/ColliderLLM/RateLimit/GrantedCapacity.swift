import ColliderCore

/// Capacity that exists only as grants from an outside authority (the coordinator's fleet
/// budget). A grant of `requests` and `tokens` until `until` is spent *paced*: its buckets refill
/// at `requests ÷ length` and `tokens ÷ length` a second and bank at most `burstSeconds` of that,
/// so a fleet of workers each spending its share never bursts past the provider's own short
/// bucket. A new grant replaces the previous one (grants are leases of the fleet budget, not
/// increments) and keeps what is banked; a fresh grant after none may send one request at once.
/// At most `requests` go under one grant (when requests are limited at all). Without a live grant it asks to be polled again after
/// `pollSeconds`; the gate also wakes its waiters when a grant arrives. It ignores the local rate
/// factor: the authority applies the fleet-wide back-off when it sizes its grants.
public struct GrantedCapacity: CapacitySource {
    private var requests = Bucket(perSecond: 0, burstSeconds: 0, minimum: 1, level: 0)
    private var tokens = Bucket(perSecond: 0, burstSeconds: 0, minimum: 1, level: 0)
    /// Requests still allowed under the current grant.
    private var remaining = 0
    private var until: ContinuousClock.Instant?
    private var lastRefill: ContinuousClock.Instant?
    private let limitsRequests: Bool
    private let limitsTokens: Bool
    private let burstSeconds: Double
    private let pollSeconds: Double

    /// A source with no grant yet. A dimension the endpoint does not limit (`limitsRequests`,
    /// `limitsTokens` false) is never the reason to wait, whatever a grant says about it.
    public init(limitsRequests: Bool = true, limitsTokens: Bool = true, burstSeconds: Double = 0.5, pollSeconds: Double = 0.25) {
        self.limitsRequests = limitsRequests
        self.limitsTokens = limitsTokens
        self.burstSeconds = burstSeconds
        self.pollSeconds = pollSeconds
    }

    public mutating func take(tokens count: Int, rateFactor: Double, now: ContinuousClock.Instant)
        -> ContinuousClock.Instant?
    {
        refill(to: now)
        guard let until, now < until, remaining >= 1 || !limitsRequests else { return now + .seconds(pollSeconds) }
        let needed = min(Double(count), tokens.capacity)
        if requests.level >= 1 && tokens.level >= needed {
            requests.level -= 1
            tokens.level -= Double(count)
            remaining -= 1
            return nil
        }
        let wait = max(requests.secondsUntil(1, rateFactor: 1), tokens.secondsUntil(needed, rateFactor: 1))
        guard wait.isFinite else { return until }
        return min(until, now + .seconds(max(wait, 0.001)))
    }

    public mutating func settle(tokenDelta: Int) {
        tokens.level = min(tokens.capacity, tokens.level + Double(tokenDelta))
    }

    /// Drops the grant and everything banked: nothing goes until the next grant.
    public mutating func drain() {
        until = nil
        remaining = 0
        requests.level = min(requests.level, 0)
        tokens.level = min(tokens.level, 0)
    }

    /// Replaces the current grant with `count` requests and `amount` tokens from `now` to `until`.
    public mutating func grant(
        requests count: Int, tokens amount: Int, now: ContinuousClock.Instant, until: ContinuousClock.Instant
    ) {
        refill(to: now)
        let fresh = self.until.map { $0 <= now } ?? true
        let seconds = (until - now).seconds
        guard seconds > 0, count > 0 || !limitsRequests else {
            drain()
            return
        }
        let requestRate = limitsRequests ? Double(count) / seconds : .infinity
        let tokenRate = limitsTokens ? Double(max(0, amount)) / seconds : .infinity
        requests = Bucket(
            perSecond: requestRate, burstSeconds: burstSeconds, minimum: 1,
            level: fresh ? max(requests.level, 1) : requests.level)
        tokens = Bucket(
            perSecond: tokenRate, burstSeconds: burstSeconds, minimum: 1,
            level: fresh ? max(tokens.level, tokenRate * burstSeconds) : tokens.level)
        remaining = count
        self.until = until
        lastRefill = now
    }

    /// Adds what the grant in force earned since the last refill, up to its end.
    private mutating func refill(to now: ContinuousClock.Instant) {
        defer { lastRefill = max(lastRefill ?? now, now) }
        guard let lastRefill, let until, now > lastRefill else { return }
        let end = min(now, until)
        guard end > lastRefill else { return }
        let seconds = (end - lastRefill).seconds
        requests.refill(seconds: seconds, rateFactor: 1)
        tokens.refill(seconds: seconds, rateFactor: 1)
    }
}
