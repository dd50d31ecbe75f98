/// What a sweep will do and cost: its tasks, and estimates grouped by cell.
public struct SweepPlan: Sendable {
    /// One line of the plan: the tasks of one kind in one cell.
    public struct Line: Sendable, Equatable {
        public var kind: TaskKind
        public var backbone: String
        /// The mode of a run line; nil for analysis lines.
        public var mode: Mode?
        public var gate: Gate
        public var tasks: Int
        public var estimate: Estimate
    }

    public var name: String
    public var tasks: [SweepTask]
    /// Run cells (backbone × mode × gate) in grid order.
    public var runs: [Line]
    /// Analysis lines (kind × backbone × gate) in grid order.
    public var analyses: [Line]
    public var maxUSD: Double?

    public var runTotal: Estimate { runs.reduce(Estimate()) { $0 + $1.estimate } }
    public var analysisTotal: Estimate { analyses.reduce(Estimate()) { $0 + $1.estimate } }
    public var total: Estimate { runTotal + analysisTotal }

    /// Whether the estimate passes the configured dollar ceiling.
    public var isOverBudget: Bool { maxUSD.map { total.usd > $0 } ?? false }

    /// Expands `config` and estimates every task.
    public init(config: SweepConfig, datasetFingerprint: String, tokens: TokenModel) {
        name = config.name
        maxUSD = config.budget.maxUSD
        tasks = GridExpander.tasks(for: config, datasetFingerprint: datasetFingerprint)
        let estimator = SweepEstimator(config: config, tokens: tokens)
        var lines: [Line] = []
        for task in tasks {
            let estimate = estimator.estimate(task)
            // Runs are shown per mode; an analysis line sums its kind over the backbone and gate.
            let mode = task.kind == .run ? task.mode : nil
            if let index = lines.lastIndex(where: {
                $0.kind == task.kind && $0.backbone == task.backbone && $0.mode == mode
                    && $0.gate == task.gate
            }) {
                lines[index].tasks += 1
                lines[index].estimate += estimate
            } else {
                lines.append(
                    Line(
                        kind: task.kind, backbone: task.backbone, mode: mode, gate: task.gate,
                        tasks: 1, estimate: estimate))
            }
        }
        runs = lines.filter { $0.kind == .run }
        analyses = lines.filter { $0.kind != .run }
    }
}
