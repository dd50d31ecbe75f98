import ColliderCore

/// The cherry-pick experiment (reference §8.3, decisions 19; Core's `CherryPick` holds its
/// constants): for each selection metric, pick per
/// criterion the Single-Task (run, step) with the best test value (an oracle on the test set;
/// the first run and earliest step win ties), combine the picked instructions into one prompt
/// with the output-format block, and score it in one test pass.
public struct CherryPickExperiment: Sendable {
    /// What selects a criterion's instruction.
    public enum Metric: String, Sendable, Codable, CaseIterable {
        case spearman
        case offByOne = "off_by_one"
        case mae

        func value(_ metrics: TestMetrics) -> Double {
            switch self {
            case .spearman: metrics.spearman
            case .offByOne: metrics.offByOne
            case .mae: metrics.mae
            }
        }

        func isBetter(_ value: Double, than best: Double) -> Bool {
            self == .mae ? value < best : value > best
        }
    }

    /// The instruction picked for one criterion.
    public struct Pick: Sendable, Equatable, Codable {
        /// Index of the run in the criterion's run list (seed order).
        public var run: Int
        public var step: Int
        public var value: Double
        public var instruction: String

        public init(run: Int, step: Int, value: Double, instruction: String) {
            self.run = run
            self.step = step
            self.value = value
            self.instruction = instruction
        }
    }

    /// One selection metric's picks and test pass.
    public struct Result: Sendable, Equatable, Codable {
        public var metric: Metric
        /// Picks by criterion; a criterion without any evaluated step has none (initial instruction).
        public var picks: [String: Pick]
        public var items: [EvalItemRecord]
        public var test: [String: TestMetrics]
        public var testAvg: TestAverage

        enum CodingKeys: String, CodingKey {
            case metric, picks, items, test
            case testAvg = "test_avg"
        }
    }

    /// The prompt and task role to score with (`mode` and `gate` are not used); its task id is
    /// the cherry-pick task's.
    public let spec: RunSpec
    public let data: RunData
    public let llm: any LLM
    /// The Single-Task runs' step records by criterion, runs in seed order.
    public let singleRuns: [String: [[StepRecord]]]

    public init(spec: RunSpec, data: RunData, llm: any LLM, singleRuns: [String: [[StepRecord]]]) {
        self.spec = spec
        self.data = data
        self.llm = llm
        self.singleRuns = singleRuns
    }

    /// The three variants, in `Metric.allCases` order; each costs one test pass.
    public func evaluate() async throws -> (results: [Result], stats: RunStats) {
        let context = RunContext(spec: spec, data: data, llm: llm, stats: RunStats())
        var results: [Result] = []
        for (index, metric) in Metric.allCases.enumerated() {
            let picks = Self.picks(metric: metric, criteria: spec.criteria, runs: singleRuns)
            var instructions: [String: String] = [:]
            for criterion in spec.criteria {
                instructions[criterion] = picks[criterion]?.instruction ?? spec.initialInstruction(criterion)
            }
            let prompt = context.taskPrompt(instructions: instructions, formatBlock: true)
            let evaluation = try await EvaluationStage(context: context).test(step: index, prompt: prompt)
            results.append(
                Result(
                    metric: metric, picks: picks, items: evaluation.items, test: evaluation.metrics,
                    testAvg: TestAverage(spec.criteria.compactMap { evaluation.metrics[$0] })))
        }
        return (results, context.ledger.snapshot)
    }

    /// The best evaluated (run, step) per criterion; strictly better replaces, so ties keep the
    /// first run and the earliest step. The instruction is the one that step evaluated.
    public static func picks(metric: Metric, criteria: [String], runs: [String: [[StepRecord]]]) -> [String: Pick] {
        var picks: [String: Pick] = [:]
        for criterion in criteria {
            for (run, steps) in (runs[criterion] ?? []).enumerated() {
                for record in steps.sorted(by: { $0.step < $1.step }) {
                    guard let metrics = record.test?[criterion], let instruction = record.instructions[criterion] else {
                        continue
                    }
                    let value = metric.value(metrics)
                    if let best = picks[criterion], !metric.isBetter(value, than: best.value) { continue }
                    picks[criterion] = Pick(run: run, step: record.step, value: value, instruction: instruction)
                }
            }
        }
        return picks
    }
}
