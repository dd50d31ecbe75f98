/// Calls, tokens and dollars of each task of a sweep, before anything is sent (`collider plan`).
/// The method is `TokenModel`'s; call counts are reference-pipeline §1.7's.
public struct SweepEstimator: Sendable {
    public let config: SweepConfig
    public let tokens: TokenModel

    public init(config: SweepConfig, tokens: TokenModel) {
        self.config = config
        self.tokens = tokens
    }

    /// The estimate of one task.
    public func estimate(_ task: SweepTask) -> Estimate {
        guard let backbone = config.backbones[task.backbone] else { return Estimate() }
        let criteria = task.criterion.map { [$0] } ?? config.dataset.criteria
        switch task.kind {
        case .run:
            return run(mode: task.mode ?? .CCC, gate: task.gate, criteria: criteria, backbone: backbone)
        case .cherryPick:
            let prompt = promptTokens(criteria, backbone, optimized: true)
            return pricer.estimate(
                .task, calls: CallCounts.cherryPick(testSize: testSize).task,
                input: prompt + tokens.testSampleChars / TokenModel.charsPerToken,
                output: TokenModel.taskReplyTokens(criteria: criteria), roleConfig: backbone.task)
        case .gradientSpecificity, .feedbackAdherence:
            guard let judge = config.judge else { return Estimate() }
            let calls = CallCounts.diagnostic(steps: config.pipeline.steps, criteriaInRun: criteria.count)
            return pricer.estimate(
                .judge, calls: calls.judge, input: TokenModel.judgeInputTokens,
                output: TokenModel.judgeOutputTokens, roleConfig: judge)
        }
    }

    private var pricer: RolePricer { RolePricer(config: config) }
    private var testSize: Int { config.dataset.split.test }

    /// Task-prompt tokens without the sample, initial or optimized.
    private func promptTokens(_ criteria: [String], _ backbone: Backbone, optimized: Bool) -> Double {
        let base = TokenModel.instructionTokens(
            dataset: config.dataset, criteria: criteria, suffix: backbone.task.promptSuffix)
        return base + (optimized ? TokenModel.instructionGrowthTokens * Double(criteria.count) : 0)
    }

    private func run(mode: Mode, gate: Gate, criteria: [String], backbone: Backbone) -> Estimate {
        let pipeline = config.pipeline
        let calls = CallCounts.run(
            mode: mode, gate: gate, criteria: criteria.count, pipeline: pipeline, testSize: testSize)
        let k = Double(criteria.count)
        let b = Double(pipeline.batchSize)
        let initial = promptTokens(criteria, backbone, optimized: false)
        let optimized = promptTokens(criteria, backbone, optimized: true)
        let oneOptimized = promptTokens([criteria[0]], backbone, optimized: true)
        let testSample = tokens.testSampleChars / TokenModel.charsPerToken
        let trainSample = tokens.trainSampleChars / TokenModel.charsPerToken
        let reply = TokenModel.taskReplyTokens(criteria: criteria)
        let preamble = TokenModel.preambleTokens
        let critique = TokenModel.critiqueTokens
        let gradient = TokenModel.gradientTokens

        // Task LLM: the step-0 test pass and the incumbent's gate score use the initial prompt;
        // every later pass, minibatch and candidate score an optimized one.
        let initialPasses = pipeline.evalInitial ? testSize : 0
        let laterPasses = pipeline.evaluatedSteps * testSize - initialPasses
        let incumbent = gate.isOn ? pipeline.validationSize : 0
        let laterTraining = calls.task - initialPasses - laterPasses - incumbent
        var taskInput = Double(initialPasses) * (initial + testSample)
        taskInput += Double(laterPasses) * (optimized + testSample)
        taskInput += Double(incumbent) * (initial + trainSample)
        taskInput += Double(laterTraining) * (optimized + trainSample)
        var result = pricer.estimate(
            .task, calls: calls.task, input: taskInput / Double(max(calls.task, 1)), output: reply,
            roleConfig: backbone.task)

        let lossInput = preamble + (mode.separateLoss ? 150 : 100 * k)
        result += pricer.estimate(
            .loss, calls: calls.loss, input: lossInput, output: critique, roleConfig: backbone.loss)

        let gradientInput =
            mode.separateGradient
            ? preamble + oneOptimized + trainSample + critique
            : preamble + optimized + trainSample + reply + critique * (mode.separateLoss ? k : 1)
        result += pricer.estimate(
            .gradient, calls: calls.gradient, input: gradientInput, output: gradient,
            roleConfig: backbone.gradient)

        let instructionOut = TokenModel.instructionGrowthTokens + 20
        let optimizerInput =
            mode.separateOptimizer
            ? preamble + oneOptimized + b * (trainSample + 5) + b * gradient
            : preamble + optimized + b * (trainSample + reply) + k * b * gradient
        result += pricer.estimate(
            .optimizer, calls: calls.optimizer, input: optimizerInput,
            output: mode.separateOptimizer ? instructionOut : k * instructionOut,
            roleConfig: backbone.optimizer)
        return result
    }
}
