import ColliderCore

/// Steps 1…S: minibatch, task, loss, gradient, optimizer, gate (reference §1.1 b–i).
struct OptimizationStep {
    let context: RunContext

    /// Runs `step`, updating the instructions, format block and gate of `state`.
    func run(step: Int, state: inout RunCheckpoint) async throws -> StepRecord {
        let spec = context.spec
        let before = state.instructions
        let current = context.taskPrompt(instructions: before, formatBlock: state.formatBlock)
        let minibatch = Minibatches.sample(
            train: context.data.train, batchSize: spec.pipeline.batchSize, step: step, runSeed: spec.seed,
            stepSeeded: spec.compat.stepSeededMinibatches)
        let predictions = try await TaskStage(context: context).predict(minibatch, prompt: current, step: step, stage: .train)
        let critiques = try await LossStage(context: context).critiques(step: step, predictions: predictions)
        let gradients = try await GradientStage(context: context).gradients(
            step: step, predictions: predictions, critiques: critiques, instructions: before, formatBlock: state.formatBlock)
        let outcome = try await OptimizerStage(context: context).candidate(
            step: step, predictions: predictions, gradients: gradients, instructions: before, formatBlock: state.formatBlock)

        // Decisions 1: the format block stays unless the compat switch drops it from every
        // optimizer-built prompt.
        let candidateFormat = spec.compat.dropFormatBlockAfterUpdate ? false : state.formatBlock
        let decision: GateDecision
        if spec.gate.isOn {
            let evaluation = EvaluationStage(context: context)
            if state.gate.needsIncumbentScore {
                state.gate.setIncumbent(
                    score: try await evaluation.validationScore(step: step, prompt: current, stage: .gateIncumbent))
            }
            let candidatePrompt = context.taskPrompt(instructions: outcome.candidate, formatBlock: candidateFormat)
            let score = try await evaluation.validationScore(step: step, prompt: candidatePrompt, stage: .gateCandidate)
            decision = state.gate.decide(candidate: score)
        } else {
            decision = state.gate.decide(candidate: nil)
        }
        if decision.accepted {
            state.instructions = outcome.candidate
            state.formatBlock = candidateFormat
        }
        state.previousInstructions = before

        var record = StepRecord(
            step: step, instructionsBefore: before, instructions: state.instructions, formatBlock: state.formatBlock)
        record.minibatch = minibatch
        record.predictions = predictions
        record.critiques = critiques
        record.gradients = gradients
        record.optimizer = outcome.calls
        record.candidate = outcome.candidate
        record.fallbacks = outcome.fallbacks
        record.gate = decision
        return record
    }
}
