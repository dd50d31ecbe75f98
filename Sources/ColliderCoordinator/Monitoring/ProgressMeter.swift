import Foundation

/// Rates and the ETA of a running sweep from its recent samples, as a value type: no clock
/// inside, every sample carries its time.
///
/// Rates are measured over the samples of the last `window` seconds. The ETA divides the work
/// left (tasks not finished, less the done fraction of the running ones) by the work rate over
/// that window, so a long task that is half through counts as half done before it ends.
public struct ProgressMeter: Sendable {
    /// Seconds of samples the rates are measured over.
    public let window: TimeInterval
    /// The samples inside the window, oldest first (at least the latest one).
    public private(set) var samples: [ProgressSample] = []

    /// A meter measuring over the last `window` seconds.
    public init(window: TimeInterval = 60) {
        self.window = window
    }

    /// Adds a sample and forgets those older than the window (keeping one from before it, so a
    /// rate is measured over the whole window).
    public mutating func record(_ sample: ProgressSample) {
        samples.append(sample)
        while samples.count > 1, sample.at.timeIntervalSince(samples[1].at) >= window { samples.removeFirst() }
    }

    /// The latest sample.
    public var latest: ProgressSample? { samples.last }

    private var span: (first: ProgressSample, last: ProgressSample, seconds: Double)? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let seconds = last.at.timeIntervalSince(first.at)
        return seconds > 0 ? (first, last, seconds) : nil
    }

    /// Calls per second over the window; nil before two samples apart in time.
    public var callsPerSecond: Double? {
        span.map { Double($0.last.calls - $0.first.calls) / $0.seconds }
    }

    /// Tokens per second over the window.
    public var tokensPerSecond: Double? {
        span.map { Double($0.last.tokens - $0.first.tokens) / $0.seconds }
    }

    /// The share of request attempts answered 429 over the whole sweep (429s over calls plus
    /// 429s); nil before any attempt.
    public var rateLimitedShare: Double? {
        guard let latest, latest.calls + latest.rateLimited > 0 else { return nil }
        return Double(latest.rateLimited) / Double(latest.calls + latest.rateLimited)
    }

    /// Seconds until every task has finished at the window's work rate: 0 when none is left, nil
    /// while no work has been measured (no rate yet, or no progress in the window).
    public var etaSeconds: Double? {
        guard let latest else { return nil }
        let left = Double(latest.total) - latest.work
        if left <= 0 { return 0 }
        guard let span else { return nil }
        let rate = (span.last.work - span.first.work) / span.seconds
        return rate > 0 ? left / rate : nil
    }
}
