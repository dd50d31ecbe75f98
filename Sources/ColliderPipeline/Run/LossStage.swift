import ColliderCore

/// The loss LLM's critiques of the minibatch predictions (reference §1.3): per (criterion, item)
/// in S modes, per item in C modes (`criterion` nil).
struct LossStage {
    let context: RunContext

    func critiques(step: Int, predictions: [PredictionRecord]) async throws -> [TextRecord] {
        let context = context
        let spec = context.spec
        if spec.mode.separateLoss {
            let pairs = spec.criteria.flatMap { criterion in predictions.map { (criterion, $0) } }
            return try await context.concurrentMap(pairs) { criterion, prediction in
                let truth = context.data.rows[prediction.item].groundTruth[criterion] ?? 0
                let prompt = LossPrompt.separate(
                    criterion: criterion, prediction: prediction.pred[criterion] ?? nil, groundTruth: truth)
                let site = CallSite(step: step, stage: .loss, item: prediction.item, criterion: criterion)
                let reply = try await context.call(.loss, prompt: prompt, site: site)
                return TextRecord(criterion: criterion, item: prediction.item, text: reply.content, prompt: prompt)
            }
        }
        return try await context.concurrentMap(predictions) { prediction in
            let prompt = LossPrompt.combined(
                criteria: spec.criteria, predictions: prediction.pred,
                groundTruth: context.data.rows[prediction.item].groundTruth)
            let site = CallSite(step: step, stage: .loss, item: prediction.item)
            let reply = try await context.call(.loss, prompt: prompt, site: site)
            return TextRecord(criterion: nil, item: prediction.item, text: reply.content, prompt: prompt)
        }
    }
}
