import Foundation

/// Response latency drawn from a log-normal distribution fitted to a median and a 99th percentile.
struct LatencyModel: Sendable, Equatable {
    /// z of the 99th percentile of the standard normal.
    private static let z99 = 2.326_347_874_040_841

    private let mu: Double
    private let sigma: Double
    private let enabled: Bool

    /// A model whose median is `p50Milliseconds` and 99th percentile `p99Milliseconds`; a zero
    /// median means no latency at all, and a P99 at or below the median means a constant latency.
    init(p50Milliseconds: Double, p99Milliseconds: Double) {
        enabled = p50Milliseconds > 0
        mu = enabled ? log(p50Milliseconds) : 0
        sigma = enabled && p99Milliseconds > p50Milliseconds ? log(p99Milliseconds / p50Milliseconds) / Self.z99 : 0
    }

    /// One latency in milliseconds.
    func sample(using rng: inout SplitMix64) -> Double {
        enabled ? exp(mu + sigma * rng.gaussian()) : 0
    }
}
