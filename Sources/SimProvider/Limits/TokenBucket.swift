/// A continuous token bucket: `capacity` tokens, refilled at `ratePerSecond`. A value type driven
/// by explicit times, so tests step it without clocks.
struct TokenBucket: Sendable, Equatable {
    /// The most the bucket holds.
    let capacity: Double
    /// Tokens added per second.
    let ratePerSecond: Double
    /// Tokens available at `updatedAt`.
    private(set) var level: Double
    private var updatedAt: Double

    /// A full bucket for `perMinute` tokens a minute holding `burstSeconds` of capacity (at least
    /// one token, so a single request always fits eventually).
    init(perMinute: Double, burstSeconds: Double, now: Double) {
        ratePerSecond = perMinute / 60
        capacity = max(1, ratePerSecond * burstSeconds)
        level = capacity
        updatedAt = now
    }

    /// Brings the level up to `now`.
    mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        level = min(capacity, level + (now - updatedAt) * ratePerSecond)
        updatedAt = now
    }

    /// Seconds until `cost` tokens (capped at `capacity`) are available; 0 when they are now.
    func wait(for cost: Double) -> Double {
        let needed = min(cost, capacity) - level
        return needed <= 0 ? 0 : needed / ratePerSecond
    }

    /// Removes `cost` tokens (capped at `capacity`).
    mutating func take(_ cost: Double) {
        level -= min(cost, capacity)
    }

    /// Seconds until the bucket is full again.
    var secondsToFull: Double {
        (capacity - level) / ratePerSecond
    }
}
