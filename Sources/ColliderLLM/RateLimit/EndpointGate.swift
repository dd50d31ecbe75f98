import ColliderCore

/// The live rate limiter of one endpoint: an actor around `RateLimiter` that reads the clock, puts
/// callers to sleep until the machine lets them go, and wakes them when a permit is released,
/// capacity is granted, or their wait time is up.
public actor EndpointGate {
    private var limiter: RateLimiter
    private var waiters: [UInt64: WakeSignal] = [:]
    private var nextWaiter: UInt64 = 0
    private var activity = GateActivity()

    public init(limiter: RateLimiter) {
        self.limiter = limiter
    }

    /// The limiter's current state, for status reports and tests.
    public var state: RateLimiter { limiter }

    /// Waits for leave to send a request of `estimate` tokens; nil if the task was cancelled.
    public func acquire(estimate: Int) async -> Permit? {
        activity.acquires += 1
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
        activity.rateLimited += 1
        if let retryAfterSeconds {
            activity.retryAfterSeconds = max(activity.retryAfterSeconds ?? retryAfterSeconds, retryAfterSeconds)
        }
    }

    /// What happened since the last call, and how many callers wait now; for an outside
    /// authority's requester (the worker's fleet-rate agent), which reports demand and 429s.
    public func takeActivity() -> GateActivity {
        var taken = activity
        taken.waiting = waiters.count
        activity = GateActivity()
        return taken
    }

    /// Pauses the endpoint until `until` on an outside authority's word; see `RateLimiter.pause`.
    public func pause(until: ContinuousClock.Instant) {
        limiter.pause(until: until)
    }

    /// Reports a response's rate-limit headers; see `RateLimiter.observe`.
    public func observe(_ headers: RateLimitHeaders) {
        limiter.observe(headers, now: .now)
    }

    /// Capacity from an outside authority, from now until `until`; lets waiters try again.
    public func grant(requests: Int, tokens: Int, until: ContinuousClock.Instant) {
        limiter.grant(requests: requests, tokens: tokens, now: .now, until: until)
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

/// What an `EndpointGate` saw since it was last asked.
public struct GateActivity: Sendable, Equatable {
    /// Calls to `acquire`.
    public var acquires = 0
    /// Callers waiting for leave right now.
    public var waiting = 0
    /// 429 responses recorded.
    public var rateLimited = 0
    /// The longest `Retry-After` among them, in seconds.
    public var retryAfterSeconds: Double?

    public init(acquires: Int = 0, waiting: Int = 0, rateLimited: Int = 0, retryAfterSeconds: Double? = nil) {
        self.acquires = acquires
        self.waiting = waiting
        self.rateLimited = rateLimited
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Whether anyone wanted to send.
    public var wantsCapacity: Bool { acquires > 0 || waiting > 0 }
}
