import ColliderCore

/// The live rate limiter of one endpoint: an actor around `RateLimiter` that reads the clock, puts
/// callers to sleep until the machine lets them go, and wakes them when a permit is released,
/// capacity is granted, or their wait time is up.
public actor EndpointGate {
    private var limiter: RateLimiter
    private var waiters: [UInt64: WakeSignal] = [:]
    private var nextWaiter: UInt64 = 0

    public init(limiter: RateLimiter) {
        self.limiter = limiter
    }

    /// The limiter's current state, for status reports and tests.
    public var state: RateLimiter { limiter }

    /// Waits for leave to send a request of `estimate` tokens; nil if the task was cancelled.
    public func acquire(estimate: Int) async -> Permit? {
        while !Task.isCancelled {
            switch limiter.acquire(estimate: estimate, now: .now) {
            case .go(let permit): return permit
            case .wait(let until): await wait(until: until)
            }
        }
        return nil
    }

    /// Ends a request; see `RateLimiter.release`.
    public func release(_ permit: Permit, actualTokens: Int?) {
        limiter.release(permit, actualTokens: actualTokens, now: .now)
        wakeAll()
    }

    /// Reports a 429; see `RateLimiter.record429`.
    public func record429(retryAfterSeconds: Double?) {
        limiter.record429(retryAfterSeconds: retryAfterSeconds, now: .now)
    }

    /// Reports a response's rate-limit headers; see `RateLimiter.observe`.
    public func observe(_ headers: RateLimitHeaders) {
        limiter.observe(headers, now: .now)
    }

    /// Adds capacity from an outside authority and lets waiters try again.
    public func grant(requests: Int, tokens: Int, until: ContinuousClock.Instant) {
        limiter.grant(requests: requests, tokens: tokens, until: until)
        wakeAll()
    }

    private func wakeAll() {
        for signal in waiters.values { signal.fire() }
    }

    private func wait(until deadline: ContinuousClock.Instant?) async {
        let signal = WakeSignal()
        nextWaiter += 1
        let id = nextWaiter
        waiters[id] = signal
        await withTaskGroup(of: Void.self) { group in
            if let deadline {
                group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            }
            group.addTask { await signal.wait() }
            await group.next()
            group.cancelAll()
        }
        waiters[id] = nil
    }
}
