/// One call of a rate-limit benchmark, timed in seconds from the benchmark's start.
public struct BenchCall: Sendable, Equatable {
    /// When the caller asked the client for it (before any wait in the rate gate).
    public var startedAt: Double
    /// When the client returned the reply or the error.
    public var finishedAt: Double
    /// Whether it ended with a reply.
    public var succeeded: Bool
    /// Prompt + completion tokens of the successful attempt; 0 for a failed call.
    public var tokens: Int
    /// The HTTP status of each attempt, nil where none arrived.
    public var statuses: [Int?]

    public init(startedAt: Double, finishedAt: Double, succeeded: Bool, tokens: Int, statuses: [Int?]) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.succeeded = succeeded
        self.tokens = tokens
        self.statuses = statuses
    }
}

/// The part of a benchmark run that is measured: the run less its warm-up, in seconds from the
/// start. The warm-up is the longer of a share of the run and a floor, so that the initial burst
/// of full token buckets does not count as sustained throughput.
public struct SteadyWindow: Sendable, Equatable {
    /// Start of the window.
    public var start: Double
    /// End of the window (the run's duration).
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    /// The window of a run of `duration` seconds after dropping `max(warmupShare × duration,
    /// minimumWarmupSeconds)`; the warm-up never takes more than half the run.
    public init(duration: Double, warmupShare: Double = 0.1, minimumWarmupSeconds: Double = 1) {
        let warmup = min(max(warmupShare * duration, minimumWarmupSeconds), duration / 2)
        self.init(start: warmup, end: duration)
    }

    /// The window's length in seconds.
    public var seconds: Double { end - start }
}

/// What a rate-limit benchmark reports over its steady window.
public struct RateEfficiency: Sendable, Equatable {
    /// Achieved ÷ allowed rate of the binding limit: the larger of requests/s ÷ (rpm/60) and
    /// tokens/s ÷ (tpm/60), counting successful calls that finished inside the window.
    public var efficiency: Double
    /// 429s among the attempts of the calls that started inside the window.
    public var share429: Double
    /// Successful calls that finished inside the window.
    public var requests: Int
    /// Attempts of the calls that started inside the window.
    public var attempts: Int

    public init(efficiency: Double, share429: Double, requests: Int, attempts: Int) {
        self.efficiency = efficiency
        self.share429 = share429
        self.requests = requests
        self.attempts = attempts
    }

    /// Measures `calls` over `window` against the limits (zero or less: unlimited, not counted).
    /// With neither limit set the efficiency is 0: there is no allowed rate to compare against.
    public init(calls: [BenchCall], window: SteadyWindow, requestsPerMinute: Int, tokensPerMinute: Int) {
        let inside = { (time: Double) in time >= window.start && time <= window.end }
        let finished = calls.filter { $0.succeeded && inside($0.finishedAt) }
        let started = calls.filter { inside($0.startedAt) }
        let statuses = started.flatMap(\.statuses)
        let seconds = max(window.seconds, .leastNonzeroMagnitude)
        var utilisation: [Double] = []
        if requestsPerMinute > 0 {
            utilisation.append(Double(finished.count) / seconds / (Double(requestsPerMinute) / 60))
        }
        if tokensPerMinute > 0 {
            let tokens = finished.reduce(0) { $0 + $1.tokens }
            utilisation.append(Double(tokens) / seconds / (Double(tokensPerMinute) / 60))
        }
        let rejected = statuses.filter { $0 == 429 }.count
        self.init(
            efficiency: utilisation.max() ?? 0,
            share429: statuses.isEmpty ? 0 : Double(rejected) / Double(statuses.count),
            requests: finished.count, attempts: statuses.count)
    }
}
