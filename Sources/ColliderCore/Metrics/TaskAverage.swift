/// The task-averaged metrics of one evaluation: the arithmetic mean over criteria of each
/// per-criterion value (reference-pipeline.md §5.2, last item; §5.3 step 1).
public struct TaskAverage: Sendable, Equatable, Codable {
    /// Mean Spearman over criteria; degenerate criteria count with their 0.0.
    public let spearman: Double
    /// Mean Kendall tau-b over criteria.
    public let kendall: Double
    /// Mean MAE over criteria.
    public let mae: Double
    /// Mean off-by-one accuracy over criteria.
    public let offByOne: Double
    /// Criteria averaged.
    public let criteria: Int
    /// Criteria whose Spearman was degenerate (decisions.md 17).
    public let degenerateCriteria: Int

    /// Averages `perCriterion`; nil when it is empty.
    public init?(_ perCriterion: [MetricValues]) {
        guard !perCriterion.isEmpty else { return nil }
        func mean(_ value: (MetricValues) -> Double) -> Double {
            perCriterion.reduce(0) { $0 + value($1) } / Double(perCriterion.count)
        }
        spearman = mean(\.spearman)
        kendall = mean(\.kendall)
        mae = mean(\.mae)
        offByOne = mean(\.offByOne)
        criteria = perCriterion.count
        degenerateCriteria = perCriterion.count(where: \.degenerate)
    }
}
