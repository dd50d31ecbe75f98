/// Durations counted in buckets of a sixteenth of a power of two, so that a quantile read from it
/// is at most 1/16 (6.25 %) above the exact one, whatever the range: nanoseconds to hours in at
/// most a thousand counters, and recording costs one bucket index.
public struct LatencyHistogram: Sendable, Hashable {
    /// Counts by bucket; grows to the largest bucket recorded.
    private var counts: [Int] = []
    /// Durations recorded.
    public private(set) var count = 0
    /// The longest duration recorded, in nanoseconds.
    public private(set) var maxNanoseconds: UInt64 = 0

    public init() {}

    /// Counts one duration.
    public mutating func record(nanoseconds: UInt64) {
        let index = Self.bucket(of: nanoseconds)
        if index >= counts.count { counts += repeatElement(0, count: index - counts.count + 1) }
        counts[index] += 1
        count += 1
        maxNanoseconds = max(maxNanoseconds, nanoseconds)
    }

    /// The `q` quantile (0 < q ≤ 1) in nanoseconds by the nearest-rank rule, rounded up to its
    /// bucket's upper end (and never past the longest duration recorded); nil when empty.
    public func quantile(_ q: Double) -> UInt64? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (index, bucketCount) in counts.enumerated() {
            seen += bucketCount
            if seen >= rank { return min(Self.upperBound(ofBucket: index), maxNanoseconds) }
        }
        return maxNanoseconds
    }

    /// Values below 16 have a bucket each; above, each power of two is cut in sixteen.
    static func bucket(of value: UInt64) -> Int {
        guard value >= 16 else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let sixteenth = Int((value >> UInt64(exponent - 4)) & 15)
        return (exponent - 3) * 16 + sixteenth
    }

    /// The largest value that falls in bucket `index` (`UInt64.max` for the last one).
    static func upperBound(ofBucket index: Int) -> UInt64 {
        guard index >= 16 else { return UInt64(index) }
        let exponent = index / 16 + 3
        let sixteenth = UInt64(index % 16)
        let (next, overflow) = (17 + sixteenth).multipliedReportingOverflow(by: 1 << UInt64(exponent - 4))
        return overflow ? .max : next - 1
    }
}
