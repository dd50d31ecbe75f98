/// LLM calls by role, retries and re-samples excluded.
public struct CallCounts: Sendable, Equatable, Codable {
    public var task = 0
    public var loss = 0
    public var gradient = 0
    public var optimizer = 0
    public var judge = 0

    public init(task: Int = 0, loss: Int = 0, gradient: Int = 0, optimizer: Int = 0, judge: Int = 0) {
        self.task = task
        self.loss = loss
        self.gradient = gradient
        self.optimizer = optimizer
        self.judge = judge
    }

    public var total: Int { task + loss + gradient + optimizer + judge }

    public static func + (lhs: CallCounts, rhs: CallCounts) -> CallCounts {
        CallCounts(
            task: lhs.task + rhs.task, loss: lhs.loss + rhs.loss, gradient: lhs.gradient + rhs.gradient,
            optimizer: lhs.optimizer + rhs.optimizer, judge: lhs.judge + rhs.judge)
    }

    public static func += (lhs: inout CallCounts, rhs: CallCounts) { lhs = lhs + rhs }

    /// The count for `role`.
    public subscript(role: Role) -> Int {
        switch role {
        case .task: task
        case .loss: loss
        case .gradient: gradient
        case .optimizer: optimizer
        case .judge: judge
        }
    }
}

extension CallCounts {
    /// Calls of one optimization run (reference-pipeline §1.7):
    /// task = S·B + E·T + g·(S·V + V); loss = S·(K·B or B); gradient = S·(K·B or B);
    /// optimizer = S·(K or 1), where K is 1 for a Single-Task run (CCC strategies, one criterion).
    public static func run(mode: Mode, gate: Gate, criteria: Int, pipeline: PipelineConfig, testSize: Int)
        -> CallCounts
    {
        let s = pipeline.steps
        let b = pipeline.batchSize
        let v = pipeline.validationSize
        let k = mode == .single ? 1 : criteria
        let e = pipeline.evaluatedSteps
        let gated = gate.isOn ? s * v + v : 0
        return CallCounts(
            task: s * b + e * testSize + gated,
            loss: s * (mode.separateLoss ? k * b : b),
            gradient: s * (mode.separateGradient ? k * b : b),
            optimizer: s * (mode.separateOptimizer ? k : 1))
    }

    /// Task-LLM calls of one cherry-pick task: one test pass per selection metric
    /// (Spearman, off-by-one, MAE; reference §8.3).
    public static func cherryPick(testSize: Int) -> CallCounts {
        CallCounts(task: CherryPick.selectionMetrics * testSize)
    }

    /// Judge calls of one diagnostic over one run: one per optimization step and criterion
    /// (reference §8.4).
    public static func diagnostic(steps: Int, criteriaInRun: Int) -> CallCounts {
        CallCounts(judge: steps * criteriaInRun)
    }
}

/// Constants of the cherry-pick experiment (reference §8.3).
public enum CherryPick {
    /// Spearman, off-by-one and MAE: each picks its own instructions and gets one test pass.
    public static let selectionMetrics = 3
}
