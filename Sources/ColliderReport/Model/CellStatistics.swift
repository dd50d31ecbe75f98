import ColliderCore

/// The statistics over seeds of one cell at one evaluated step (reference-pipeline.md §5.3).
public struct StepStatistics: Sendable, Equatable, Codable {
    /// The evaluated step (0 is the initial prompt).
    public var step: Int
    /// Seeds with every criterion evaluated at this step, ascending; the others are left out.
    public var seeds: [Int]
    /// Per-criterion Spearman over seeds.
    public var spearman: [String: SampleStatistics]
    /// Per-criterion off-by-one accuracy over seeds.
    public var offByOne: [String: SampleStatistics]
    /// Per-criterion MAE over seeds.
    public var mae: [String: SampleStatistics]
    /// The per-seed task-averaged Spearman, summarized.
    public var averageSpearman: SampleStatistics
    /// The per-seed task-averaged off-by-one accuracy, summarized.
    public var averageOffByOne: SampleStatistics
    /// The per-seed task-averaged MAE, summarized.
    public var averageMAE: SampleStatistics
    /// The per-seed task-averaged Spearman, in ``seeds`` order.
    public var seedAverages: [Double]
    /// (seed, criterion) pairs whose Spearman was degenerate (decisions.md 17).
    public var degenerate: Int
    /// Cumulative hypervolume of the seed-averaged Spearman vectors of steps 0…step, reference −1
    /// (decisions.md 15); nil for Single-Task.
    public var hypervolume: Double?

    enum CodingKeys: String, CodingKey {
        case step, seeds, spearman, mae, degenerate, hypervolume
        case offByOne = "off_by_one"
        case averageSpearman = "average_spearman"
        case averageOffByOne = "average_off_by_one"
        case averageMAE = "average_mae"
        case seedAverages = "seed_averages"
    }
}

/// Best (step) and Δ of a cell (reference-pipeline.md §5.3; ties to the earliest step).
public struct BestSummary: Sendable, Equatable, Codable {
    /// The step with the highest mean task-averaged Spearman, earliest on ties.
    public var step: Int
    /// The statistics of the task-averaged Spearman at ``step``.
    public var statistics: SampleStatistics
    /// Best − Initial of the means, the paper's Δ.
    public var delta: Double
    /// The per-seed differences (best step − step 0) over seeds present at both, summarized: the
    /// spread of Δ the paper leaves out.
    public var pairedDelta: SampleStatistics?

    enum CodingKeys: String, CodingKey {
        case step, statistics, delta
        case pairedDelta = "paired_delta"
    }
}

/// Everything the tables and plots show for one cell.
public struct CellStatistics: Sendable, Equatable, Codable {
    /// The cell aggregated.
    public var cell: CellKey
    /// The data set's criteria, in config order.
    public var criteria: [String]
    /// Every seed with at least one run record, ascending.
    public var seeds: [Int]
    /// Evaluated steps in ascending order; a step no seed completed is absent.
    public var steps: [StepStatistics]
    /// Task-averaged Spearman at step 0; nil without a step-0 evaluation.
    public var initial: SampleStatistics?
    /// Best (step) and Δ; nil without a step-0 evaluation.
    public var best: BestSummary?
    /// The cumulative hypervolume at the last evaluated step; nil for Single-Task.
    public var hypervolume: Double?
    /// Degenerate Spearman values over every step, seed and criterion.
    public var degenerate: Int
}
