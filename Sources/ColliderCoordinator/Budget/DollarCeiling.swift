/// The sweep's dollar ceiling (`budget.max_usd`): money spent so far, and whether one more
/// task still fits once the tasks in flight are projected to finish.
public struct DollarCeiling: Sendable, Equatable {
    /// nil when the sweep has no ceiling.
    public var limitUSD: Double?
    /// Dollars reported by workers, failed attempts and duplicate results included.
    public private(set) var spentUSD: Double

    public init(limitUSD: Double?, spentUSD: Double = 0) {
        self.limitUSD = limitUSD
        self.spentUSD = spentUSD
    }

    /// Counts dollars a worker reported.
    public mutating func record(_ dollars: Double) {
        spentUSD += max(0, dollars)
    }

    /// Whether a task projected at `nextUSD` may start while tasks in flight are projected to
    /// spend `inFlightUSD` more.
    public func allows(nextUSD: Double, inFlightUSD: Double) -> Bool {
        guard let limitUSD else { return true }
        return spentUSD + inFlightUSD + nextUSD <= limitUSD
    }
}
