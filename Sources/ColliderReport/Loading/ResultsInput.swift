import ColliderCore
import ColliderPipeline

/// Everything a report is built from: the sweep's config, its grid, and what is on disk.
public struct ResultsInput: Sendable {
    /// The cherry-pick results of one backbone × gate.
    public struct CherryPick: Sendable, Equatable {
        /// The cherry-pick task.
        public var task: SweepTask
        /// One result per selection metric.
        public var results: [CherryPickExperiment.Result]

        /// Creates an entry.
        public init(task: SweepTask, results: [CherryPickExperiment.Result]) {
            self.task = task
            self.results = results
        }
    }

    /// One diagnostic of one run.
    public struct DiagnosticRun: Sendable, Equatable {
        /// The diagnostic task (its mode, gate and seed are the judged run's).
        public var task: SweepTask
        /// The judged items.
        public var result: Diagnostic.Result

        /// Creates an entry.
        public init(task: SweepTask, result: Diagnostic.Result) {
            self.task = task
            self.result = result
        }
    }

    /// The effective config.
    public var config: SweepConfig
    /// The grid's tasks, runs and analyses.
    public var tasks: [SweepTask]
    /// The test metrics of every run with records.
    public var runs: [RunSeries]
    /// Cost and failures per cell, over the run summaries on disk.
    public var costs: [CellKey: CellCost]
    /// Missing, failed and unfinished tasks, sorted.
    public var problems: [RunProblem]
    /// Cherry-pick results on disk, in grid order.
    public var cherryPicks: [CherryPick]
    /// Diagnostic results on disk, in grid order.
    public var diagnostics: [DiagnosticRun]

    /// Creates an input from its parts.
    public init(
        config: SweepConfig, tasks: [SweepTask], runs: [RunSeries], costs: [CellKey: CellCost] = [:], problems: [RunProblem] = [],
        cherryPicks: [CherryPick] = [], diagnostics: [DiagnosticRun] = []
    ) {
        self.config = config
        self.tasks = tasks
        self.runs = runs
        self.costs = costs
        self.problems = problems.sorted()
        self.cherryPicks = cherryPicks
        self.diagnostics = diagnostics
    }

    /// Dollars over every run summary on disk.
    public var dollars: Double {
        costs.keys.sorted().reduce(0) { $0 + (costs[$1]?.dollars ?? 0) }
    }

    /// Every cell of the grid, sorted (``CellKey``'s order).
    public var cells: [CellKey] {
        Set(tasks.filter { $0.kind == .run }.compactMap { task in
            task.mode.map { CellKey(backbone: task.backbone, mode: $0, gate: task.gate) }
        }).sorted()
    }

    /// The statistics of every cell of the grid, in ``cells`` order.
    public var cellStatistics: [CellStatistics] {
        cells.map { CellAggregator.aggregate(cell: $0, criteria: config.dataset.criteria, runs: runs) }
    }
}
