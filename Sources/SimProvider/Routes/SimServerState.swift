import Synchronization

/// Everything the route handlers share: options, counters, limits, per-body attempt counts.
final class SimServerState: Sendable {
    let options: SimProvider.Options
    let stats = SimStats()
    let attempts = AttemptCounter()
    let latency: LatencyModel
    private let limiter: Mutex<RateLimiter>
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(options: SimProvider.Options) {
        self.options = options
        start = clock.now
        latency = LatencyModel(
            p50Milliseconds: options.latencyP50Milliseconds, p99Milliseconds: options.latencyP99Milliseconds)
        limiter = Mutex(
            RateLimiter(
                requestsPerMinute: options.requestsPerMinute, tokensPerMinute: options.tokensPerMinute,
                burstSeconds: options.burstSeconds, now: 0))
    }

    /// Asks the rate limiter to admit a request of `tokens` tokens now.
    func admit(tokens: Int) -> RateLimiter.Decision {
        let elapsed = clock.now - start
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return limiter.withLock { $0.admit(tokenCost: tokens, now: now) }
    }
}
