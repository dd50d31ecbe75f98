/// Every per-criterion metric of reference-pipeline.md §5.2 for one criterion of one evaluation.
public struct CriterionMetrics: Sendable, Equatable, Codable {
    /// Pairs used: rows with a present, finite prediction.
    public let n: Int
    /// Spearman's rho with the §5.2 guards.
    public let spearman: GuardedCorrelation
    /// Kendall's tau-b with the §5.2 guards.
    public let kendallTauB: GuardedCorrelation
    /// Mean |gt − prediction|; 0.0 with no pairs.
    public let mae: Double
    /// Fraction of exact numeric matches; 0.0 with no pairs.
    public let accuracy: Double
    /// Fraction of pairs with |gt − prediction| ≤ 1; 0.0 with no pairs.
    public let offByOne: Double
    /// Fraction of pairs with |gt − prediction| ≤ 2; 0.0 with no pairs.
    public let offByTwo: Double
    /// Fraction of pairs with |gt − prediction| ≤ 3; 0.0 with no pairs.
    public let offByThree: Double

    /// Computes the metrics over the pairs of `groundTruth` and `predictions`; a missing or
    /// non-finite prediction drops its row (``ScoredPairs``).
    ///
    /// - Precondition: both arrays have the same length.
    public init(groundTruth: [Int], predictions: [Double?]) {
        self.init(ScoredPairs(groundTruth: groundTruth, predictions: predictions))
    }

    /// Computes the metrics over already filtered pairs.
    public init(_ pairs: ScoredPairs) {
        let errors = pairs.absoluteErrors
        func fraction(_ isCounted: (Double) -> Bool) -> Double {
            errors.isEmpty ? 0 : Double(errors.count(where: isCounted)) / Double(errors.count)
        }
        n = pairs.count
        spearman = Correlation.spearman(pairs.groundTruth, pairs.predictions)
        kendallTauB = Correlation.kendallTauB(pairs.groundTruth, pairs.predictions)
        mae = errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
        accuracy = fraction { $0 == 0 }
        offByOne = fraction { $0 <= 1 }
        offByTwo = fraction { $0 <= 2 }
        offByThree = fraction { $0 <= 3 }
    }

    /// The compact record kept per criterion and step.
    public var values: MetricValues {
        MetricValues(
            spearman: spearman.value, kendall: kendallTauB.value, mae: mae, offByOne: offByOne,
            n: n, degenerate: spearman.degenerate)
    }
}
