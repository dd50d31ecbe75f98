import ColliderCore

/// An LLM-judged diagnostic of one run (reference §8.4): one judge call per optimization step and
/// criterion, over the run's step records.
public struct Diagnostic: Sendable {
    /// Which diagnostic.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// How focused each step's gradients are on the criterion.
        case gradientSpecificity = "gradient_specificity"
        /// Whether the optimizer's candidate (before gating, decisions 20) addressed the gradients.
        case feedbackAdherence = "feedback_adherence"
    }

    /// One judged (step, criterion).
    public struct Item: Sendable, Equatable, Codable {
        public var step: Int
        public var criterion: String
        /// 1…10; nil when the reply held no usable score (excluded from the mean).
        public var score: Int?
        public var raw: String
        public var prompt: String
    }

    /// Every judged item and the mean of the usable scores.
    public struct Result: Sendable, Equatable, Codable {
        public var kind: Kind
        public var items: [Item]
        /// Mean of the usable scores; nil when there is none.
        public var mean: Double?
        public var stats: RunStats
    }

    public let kind: Kind
    /// The diagnostic's task id (part of every call key).
    public let taskID: String
    /// The judged run's spec (its mode and criteria) and its step records.
    public let run: RunSpec
    public let steps: [StepRecord]
    /// Every criterion of the dataset, which the specificity prompt names as the possible ones
    /// (reference §8.4: all four, a Single-Task run's too).
    public let possibleCriteria: [String]
    public let judge: RoleConfig
    public let llm: any LLM

    /// A diagnostic of `kind` over the run `run` whose records are `steps`; `possibleCriteria` are
    /// the dataset's criteria.
    public init(
        kind: Kind, taskID: String, run: RunSpec, steps: [StepRecord], possibleCriteria: [String], judge: RoleConfig,
        llm: any LLM
    ) {
        self.kind = kind
        self.taskID = taskID
        self.run = run
        self.steps = steps
        self.possibleCriteria = possibleCriteria
        self.judge = judge
        self.llm = llm
    }

    /// Judges every optimization step × criterion whose gradients are not empty.
    public func evaluate() async throws -> Result {
        var spec = run
        spec.taskID = taskID
        let context = RunContext(
            spec: spec, data: RunData(rows: [], train: [], validation: [], test: []), llm: llm, stats: RunStats(),
            judge: judge)
        let questions = steps.filter { $0.step >= 1 }.flatMap { record in
            run.criteria.enumerated().compactMap { index, criterion in
                prompt(record, criterion: criterion).map { (record.step, index, criterion, $0) }
            }
        }
        let items = try await context.concurrentMap(questions) { step, index, criterion, prompt in
            let site = CallSite(step: step, stage: .judge, item: index, criterion: criterion)
            let reply = try await context.call(.judge, prompt: prompt, site: site).content
            return Item(step: step, criterion: criterion, score: JudgePrompt.score(reply), raw: reply, prompt: prompt)
        }
        let scores = items.compactMap(\.score)
        let mean = scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        return Result(kind: kind, items: items, mean: mean, stats: context.ledger.snapshot)
    }

    /// The judge prompt for `criterion` at `record`'s step, or nil when it has no gradient. In C
    /// gradient modes every criterion gets the same shared gradients (decisions 20).
    private func prompt(_ record: StepRecord, criterion: String) -> String? {
        let gradient = record.gradients
            .filter { $0.criterion == nil || $0.criterion == criterion }
            .map(\.text).joined(separator: "\n\n")
        guard !gradient.isEmpty else { return nil }
        switch kind {
        case .gradientSpecificity:
            return JudgePrompt.gradientSpecificity(criterion: criterion, criteria: possibleCriteria, gradient: gradient)
        case .feedbackAdherence:
            return JudgePrompt.feedbackAdherence(
                criterion: criterion, old: record.instructionsBefore[criterion] ?? "",
                new: record.candidate?[criterion] ?? "", gradient: gradient)
        }
    }
}
