import Foundation

/// One endpoint's shared budget as rate shares: each worker that asks holds one grant, a share
/// of the endpoint's (reduced) per-second rate for a few seconds; a new request from the same
/// worker replaces its grant. The shares of live grants never sum past 1, and a grant is at most
/// an equal split among the workers asking (fairness). A 429 pauses everyone, revokes every
/// share and cuts the rate; it recovers additively after the pause.
struct EndpointBudget: Sendable {
    /// One worker's standing with this endpoint.
    private struct Holding: Sendable {
        /// Fraction of the endpoint's current rate the live grant covers.
        var share: Double
        var expiresAt: Date
        var askedAt: Date
        /// Fraction of the endpoint's rate the worker last asked for.
        var asked: Double
    }

    let name: String
    let limits: EndpointLimits
    let policy: FleetBudgetPolicy
    /// Fraction of the limits in force.
    private(set) var factor = 1.0
    private(set) var pausedUntil: Date?
    private var recoveringSince: Date?
    private var holdings: [WorkerID: Holding] = [:]

    init(name: String, limits: EndpointLimits, policy: FleetBudgetPolicy) {
        self.name = name
        self.limits = limits
        self.policy = policy
    }

    /// Requests and tokens per second at the current factor; nil for an unlimited dimension.
    private var requestRate: Double? {
        limits.requestsPerMinute > 0 ? Double(limits.requestsPerMinute) * factor / 60 : nil
    }

    private var tokenRate: Double? {
        limits.tokensPerMinute > 0 ? Double(limits.tokensPerMinute) * factor / 60 : nil
    }

    /// The share of the endpoint's current rate the live grants hold, summed.
    func liveShare(now: Date) -> Double {
        holdings.values.filter { $0.expiresAt > now }.reduce(0) { $0 + $1.share }
    }

    /// Workers that hold a live grant or asked within the last two grant lengths.
    func askers(now: Date) -> [WorkerID] {
        holdings.filter { isAsking($0.value, now: now) }.keys.sorted { $0.rawValue < $1.rawValue }
    }

    private func isAsking(_ holding: Holding, now: Date) -> Bool {
        holding.expiresAt > now || now.timeIntervalSince(holding.askedAt) < 2 * policy.grantSeconds
    }

    /// Forgets workers that neither hold a live grant nor asked lately (reclaiming the share of
    /// workers that vanished with theirs), and applies recovery up to `now`.
    mutating func advance(to now: Date) {
        holdings = holdings.filter { isAsking($0.value, now: now) }
        guard let since = recoveringSince, now > since else { return }
        let steps = (now.timeIntervalSince(since) / policy.recoveryInterval).rounded(.down)
        guard steps >= 1 else { return }
        factor = min(1, factor + steps * policy.recoveryStep)
        recoveringSince = factor < 1 ? since.addingTimeInterval(steps * policy.recoveryInterval) : nil
    }

    /// `worker`'s new grant, replacing its previous one: a share of the current rate no larger than
    /// what it asked for (`requests` and `tokens` over `grantSeconds`), its fair share among the
    /// askers (`fairShare`), or what the other live grants leave. It lasts `grantSeconds`, longer when that is
    /// needed to cover one whole request (a low limit split many ways), never past a minute.
    /// A zero grant says when to ask again.
    mutating func grant(to worker: WorkerID, requests: Int, tokens: Int, now: Date) -> RateGrant {
        advance(to: now)
        holdings[worker] = Holding(share: 0, expiresAt: now, askedAt: now, asked: 0)
        if let pausedUntil, now < pausedUntil {
            return RateGrant(endpoint: name, requests: 0, tokens: 0, expiresAt: pausedUntil)
        }
        let seconds = policy.grantSeconds
        guard requestRate != nil || tokenRate != nil else {
            return RateGrant(
                endpoint: name, requests: requests, tokens: tokens, expiresAt: now.addingTimeInterval(seconds))
        }
        var asked = 0.0
        if let requestRate { asked = max(asked, Double(max(0, requests)) / (requestRate * seconds)) }
        if let tokenRate { asked = max(asked, Double(max(0, tokens)) / (tokenRate * seconds)) }
        holdings[worker]?.asked = asked
        let fair = fairShare(of: worker, now: now)
        let left = max(0, 1 - liveShare(now: now))
        var share = min(asked, fair, left)
        if let requestRate, share * requestRate * 60 < 1, left * requestRate * 60 >= 1 - 1e-9, asked > 0 {
            // Too many askers for a low limit: one request a minute each, while the limit lasts.
            share = min(left, 1 / (requestRate * 60))
        }
        var length = seconds
        var grantedRequests = requests
        if let requestRate {
            // Whole requests only: round up and stretch the grant so its rate stays `share`.
            let perSecond = share * requestRate
            grantedRequests = Int((perSecond * seconds).rounded(.up))
            length = perSecond > 0 ? Double(grantedRequests) / perSecond : .infinity
        }
        guard share > 0, requestRate == nil || grantedRequests > 0, length <= 60 + 1e-6 else {
            return RateGrant(endpoint: name, requests: 0, tokens: 0, expiresAt: nextRoom(after: now))
        }
        let grantedTokens = tokenRate.map { Int((share * $0 * length).rounded(.down)) } ?? tokens
        let expiresAt = now.addingTimeInterval(length)
        holdings[worker] = Holding(share: share, expiresAt: expiresAt, askedAt: now, asked: asked)
        return RateGrant(endpoint: name, requests: grantedRequests, tokens: grantedTokens, expiresAt: expiresAt)
    }

    /// A 429: the first one of a pause window halves the rate, revokes every share and starts a
    /// pause for everyone; later ones inside the window only lengthen it when their `Retry-After`
    /// asks for more (one cut per burst).
    /// Returns the pause end to broadcast, nil when nothing changed.
    mutating func report429(retryAfter: TimeInterval?, now: Date) -> Date? {
        advance(to: now)
        if let pausedUntil, now < pausedUntil {
            guard let retryAfter, now.addingTimeInterval(retryAfter) > pausedUntil else { return nil }
            let end = now.addingTimeInterval(retryAfter)
            self.pausedUntil = end
            recoveringSince = end
            return end
        }
        let end = now.addingTimeInterval(max(retryAfter ?? policy.defaultPause, 0))
        factor = max(policy.minimumFactor, factor * policy.decrease)
        pausedUntil = end
        recoveringSince = end
        for worker in holdings.keys { holdings[worker]?.share = 0 }
        return end
    }

    /// An equal split among the askers, or more when the others ask for less than theirs: what
    /// is left after each other asker's smaller of its demand and the equal split.
    private func fairShare(of worker: WorkerID, now: Date) -> Double {
        let others = holdings.filter { $0.key != worker && isAsking($0.value, now: now) }.values
        let equal = 1 / Double(others.count + 1)
        return max(equal, 1 - others.reduce(0) { $0 + min($1.asked, equal) })
    }

    /// When a share frees next: the earliest live grant's expiry, at most one grant length away.
    private func nextRoom(after now: Date) -> Date {
        let cap = now.addingTimeInterval(policy.grantSeconds)
        let expiries = holdings.values.filter { $0.share > 0 && $0.expiresAt > now }.map(\.expiresAt)
        return min(expiries.min() ?? cap, cap)
    }
}
