import Foundation

/// One endpoint's shared budget: a 60 s ledger of grants bounded by the (reduced) limits, the
/// grants still valid bounded by `grantSeconds` of capacity, a 429 pause and additive recovery.
struct EndpointBudget: Sendable {
    private struct Entry: Sendable {
        var at: Date
        var requests: Int
        var tokens: Int
    }

    let name: String
    let limits: EndpointLimits
    let policy: FleetBudgetPolicy
    /// Fraction of the limits in force.
    private(set) var factor = 1.0
    private(set) var pausedUntil: Date?
    private var recoveringSince: Date?
    private var ledger: [Entry] = []
    private var valid: [RateGrant] = []

    init(name: String, limits: EndpointLimits, policy: FleetBudgetPolicy) {
        self.name = name
        self.limits = limits
        self.policy = policy
    }

    /// Drops ledger entries older than a minute and grants that expired (reclaiming the capacity
    /// of workers that vanished with them), and applies recovery up to `now`.
    mutating func advance(to now: Date) {
        ledger.removeAll { now.timeIntervalSince($0.at) >= 60 }
        valid.removeAll { $0.expiresAt <= now }
        guard let since = recoveringSince, now > since else { return }
        let steps = (now.timeIntervalSince(since) / policy.recoveryInterval).rounded(.down)
        guard steps >= 1 else { return }
        factor = min(1, factor + steps * policy.recoveryStep)
        recoveringSince = factor < 1 ? since.addingTimeInterval(steps * policy.recoveryInterval) : nil
    }

    /// A short grant: at most what was asked, what `grantSeconds` of the current rate allows
    /// beside the grants still valid, and what is left of the minute's limit.
    mutating func grant(requests: Int, tokens: Int, now: Date) -> RateGrant {
        advance(to: now)
        if let pausedUntil, now < pausedUntil {
            return RateGrant(endpoint: name, requests: 0, tokens: 0, expiresAt: pausedUntil)
        }
        let minuteRequests = Double(limits.requestsPerMinute) * factor
        let minuteTokens = Double(limits.tokensPerMinute) * factor
        let share = policy.grantSeconds / 60
        let tokensPerRequest = requests > 0 ? Double(tokens) / Double(requests) : 0
        let requestRoom = min(
            minuteRequests - Double(ledger.reduce(0) { $0 + $1.requests }),
            max(1, minuteRequests * share) - Double(valid.reduce(0) { $0 + $1.requests }))
        let tokenRoom = min(
            minuteTokens - Double(ledger.reduce(0) { $0 + $1.tokens }),
            max(tokensPerRequest, minuteTokens * share) - Double(valid.reduce(0) { $0 + $1.tokens }))
        var granted = min(requests, Int(max(0, requestRoom).rounded(.down)))
        if tokensPerRequest > 0 {
            granted = min(granted, Int((max(0, tokenRoom) / tokensPerRequest).rounded(.down)))
        }
        guard granted > 0 else {
            return RateGrant(endpoint: name, requests: 0, tokens: 0, expiresAt: nextRoom(after: now))
        }
        let grantedTokens = min(tokens, Int((Double(granted) * tokensPerRequest).rounded(.up)))
        let grant = RateGrant(
            endpoint: name, requests: granted, tokens: grantedTokens,
            expiresAt: now.addingTimeInterval(policy.grantSeconds))
        ledger.append(Entry(at: now, requests: granted, tokens: grantedTokens))
        valid.append(grant)
        return grant
    }

    /// A 429: the first one of a pause window halves the rate and starts a pause for everyone;
    /// later ones inside the window only lengthen it when their `Retry-After` asks for more (one
    /// cut per burst).
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
        return end
    }

    /// When capacity frees next: the earliest grant expiry or ledger entry leaving the minute.
    private func nextRoom(after now: Date) -> Date {
        let expiries = valid.map(\.expiresAt) + ledger.map { $0.at.addingTimeInterval(60) }
        return expiries.filter { $0 > now }.min() ?? now.addingTimeInterval(policy.grantSeconds)
    }
}
