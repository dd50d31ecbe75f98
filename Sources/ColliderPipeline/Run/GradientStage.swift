import ColliderCore

/// The gradient LLM's three-paragraph feedback on the instructions (reference §1.4): per
/// (criterion, item) in SSS/SSC, per item in SCC/CCC (`criterion` nil, shared by every criterion).
struct GradientStage {
    let context: RunContext

    func gradients(
        step: Int, predictions: [PredictionRecord], critiques: [TextRecord], instructions: [String: String],
        formatBlock: Bool
    ) async throws -> [TextRecord] {
        let context = context
        let spec = context.spec
        if spec.mode.separateGradient {
            let pairs = spec.criteria.flatMap { criterion in predictions.map { (criterion, $0) } }
            return try await context.concurrentMap(pairs) { criterion, prediction in
                let filtered = context.taskPrompt(instructions: instructions, formatBlock: formatBlock, criteria: [criterion])
                let conversation = GradientPrompt.Conversation(
                    systemPrompt: filtered.renderedInstructions, input: context.inputLines(prediction.item),
                    output: "\(criterion): \(PromptParts.value(prediction.pred[criterion] ?? nil))")
                let critique = critiques.first { $0.criterion == criterion && $0.item == prediction.item }?.text ?? ""
                let prompt = GradientPrompt.separate(
                    criterion: criterion, conversation: conversation, critique: critique,
                    instruction: instructions[criterion] ?? "")
                let site = CallSite(step: step, stage: .gradient, item: prediction.item, criterion: criterion)
                let reply = try await context.call(.gradient, prompt: prompt, site: site)
                return TextRecord(criterion: criterion, item: prediction.item, text: reply.content, prompt: prompt)
            }
        }
        let full = context.taskPrompt(instructions: instructions, formatBlock: formatBlock).renderedInstructions
        return try await context.concurrentMap(predictions) { prediction in
            let conversation = GradientPrompt.Conversation(
                systemPrompt: full, input: context.inputLines(prediction.item), output: prediction.raw)
            let prompt = GradientPrompt.combined(
                criteria: spec.criteria, conversation: conversation,
                critiques: Self.critiques(for: prediction.item, in: critiques, criteria: spec.criteria),
                instructions: instructions, labelSharedCritiquesWithAllCriteria: spec.compat.dedupeCombinedGradients)
            let site = CallSite(step: step, stage: .gradient, item: prediction.item)
            let reply = try await context.call(.gradient, prompt: prompt, site: site)
            return TextRecord(criterion: nil, item: prediction.item, text: reply.content, prompt: prompt)
        }
    }

    /// Each criterion's critique of `item`: its own in SCC, a copy of the combined one in CCC.
    private static func critiques(for item: Int, in critiques: [TextRecord], criteria: [String])
        -> [(criterion: String, text: String)]
    {
        criteria.map { criterion in
            let own = critiques.first { $0.item == item && ($0.criterion == criterion || $0.criterion == nil) }
            return (criterion, own?.text ?? "")
        }
    }
}
