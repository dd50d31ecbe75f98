/// The per-criterion numbers collider records for each evaluation (reference-pipeline.md §5.2):
/// the ones the paper's tables and the hypervolume use, plus the degenerate flag of decision 17.
public struct MetricValues: Sendable, Equatable, Codable {
    /// Spearman's rho; 0.0 when ``degenerate``.
    public let spearman: Double
    /// Kendall's tau-b; 0.0 in the same degenerate cases as Spearman.
    public let kendall: Double
    /// Mean absolute error; 0.0 with no pairs.
    public let mae: Double
    /// Off-by-one accuracy; 0.0 with no pairs.
    public let offByOne: Double
    /// Pairs used.
    public let n: Int
    /// True when Spearman was forced to 0.0 (fewer than 3 pairs, constant predictions or ground
    /// truth, or NaN), so that reports can count such cases beside the metric (decisions.md 17).
    public let degenerate: Bool

    /// Creates a record from its fields.
    public init(
        spearman: Double, kendall: Double, mae: Double, offByOne: Double, n: Int, degenerate: Bool
    ) {
        self.spearman = spearman
        self.kendall = kendall
        self.mae = mae
        self.offByOne = offByOne
        self.n = n
        self.degenerate = degenerate
    }

    /// The metrics of one criterion over its (ground truth, prediction) rows; see
    /// ``CriterionMetrics``.
    ///
    /// - Precondition: both arrays have the same length.
    public static func compute(groundTruth: [Int], predictions: [Double?]) -> MetricValues {
        CriterionMetrics(groundTruth: groundTruth, predictions: predictions).values
    }
}
