import ColliderCore

/// The task LLM over a set of items (training minibatch, validation set, test set), with JSON
/// re-sampling (decisions 3).
struct TaskStage {
    let context: RunContext

    /// Predictions for `items` (row ids) with `prompt`, in item order.
    func predict(_ items: [Int], prompt: TaskPrompt, step: Int, stage: CallSite.Stage) async throws -> [PredictionRecord] {
        let context = context
        return try await context.concurrentMap(items) { item in
            try await Self.predict(item: item, prompt: prompt, step: step, stage: stage, context: context)
        }
    }

    /// Re-samples the same prompt until the reply parses and holds every criterion with a number
    /// in the scale, at most `jsonAttempts` times (once with `no_json_resampling`). After the last
    /// attempt the item is a parse failure with no predictions; an unusable reply of the model
    /// class (an empty one) counts as an attempt, other LLM errors stop the run.
    private static func predict(
        item: Int, prompt: TaskPrompt, step: Int, stage: CallSite.Stage, context: RunContext
    ) async throws -> PredictionRecord {
        let spec = context.spec
        let text = prompt.render(inputs: Array(zip(spec.inputLabels, context.data.rows[item].inputs)))
        let attempts = spec.compat.noJSONResampling ? 1 : max(1, spec.pipeline.jsonAttempts)
        var raws: [String] = []
        var problem = "no reply"
        for sample in 0..<attempts {
            let site = CallSite(step: step, stage: stage, item: item, sample: sample)
            let raw: String
            switch await reply(text, site: site, context: context) {
            case .success(let reply): raw = reply.content
            case .failure(let error) where error.failure == .model:
                raws.append("")
                problem = error.message
                continue
            case .failure(let error): throw error
            }
            raws.append(raw)
            let reply = TaskReplyParser.parse(raw)
            if spec.compat.noJSONResampling && reply.parseError == nil {
                // Released behaviour: keep what parsed, missing keys as nulls, no range check.
                return record(item: item, raws: raws, values: reply.values, criteria: spec.criteria, error: nil)
            }
            guard let issue = reply.problem(criteria: spec.criteria, scale: spec.scale) else {
                return record(item: item, raws: raws, values: reply.values, criteria: spec.criteria, error: nil)
            }
            problem = issue
            context.bookUnusableReply()
        }
        context.ledger.update { $0.parseFailures += 1 }
        return record(item: item, raws: raws, values: [:], criteria: spec.criteria, error: problem)
    }

    private static func reply(_ prompt: String, site: CallSite, context: RunContext) async -> Result<LLMReply, LLMError> {
        do {
            return .success(try await context.call(.task, prompt: prompt, site: site))
        } catch {
            return .failure(error)
        }
    }

    private static func record(
        item: Int, raws: [String], values: [String: Double], criteria: [String], error: String?
    ) -> PredictionRecord {
        var pred: [String: Double?] = [:]
        for criterion in criteria { pred[criterion] = .some(values[criterion]) }
        return PredictionRecord(
            item: item, pred: pred, raw: raws.last ?? "", resampled: Array(raws.dropLast()), parseError: error)
    }
}
