import ColliderCore

/// The optimizer LLM's candidate instructions (reference §1.5, §2.4; decisions 7, 8, 11).
struct OptimizerStage {
    /// The candidate and how it was made.
    struct Outcome: Sendable {
        var candidate: [String: String]
        var calls: [OptimizerCallRecord]
        var fallbacks: [FallbackEvent]
    }

    let context: RunContext

    func candidate(
        step: Int, predictions: [PredictionRecord], gradients: [TextRecord], instructions: [String: String],
        formatBlock: Bool
    ) async throws -> Outcome {
        context.spec.mode.separateOptimizer
            ? try await separate(step: step, predictions: predictions, gradients: gradients, instructions: instructions, formatBlock: formatBlock)
            : try await combined(step: step, predictions: predictions, gradients: gradients, instructions: instructions, formatBlock: formatBlock)
    }

    /// SSS: one plain-text call per criterion on its filtered view; no content re-samples.
    private func separate(
        step: Int, predictions: [PredictionRecord], gradients: [TextRecord], instructions: [String: String],
        formatBlock: Bool
    ) async throws -> Outcome {
        let context = context
        let results = try await context.concurrentMap(context.spec.criteria) { criterion in
            let filtered = context.taskPrompt(instructions: instructions, formatBlock: formatBlock, criteria: [criterion])
            let prompt = OptimizerPrompt.separate(
                criterion: criterion, instruction: instructions[criterion] ?? "",
                systemPrompt: filtered.renderedInstructions,
                conversations: predictions.map {
                    OptimizerPrompt.Conversation(
                        input: context.inputLines($0.item),
                        output: "\(criterion): \(PromptParts.value($0.pred[criterion] ?? nil))")
                },
                gradients: gradients.filter { $0.criterion == criterion }.map(\.text))
            let site = CallSite(step: step, stage: .optimizer, item: 0, criterion: criterion)
            let reply = try await context.call(.optimizer, prompt: prompt, site: site).content
            let parsed = OptimizerReplyParser.parseSeparate(reply)
            if parsed == nil { context.bookUnusableReply() }
            let record = OptimizerCallRecord(
                criterion: criterion, prompt: prompt, replies: [reply],
                parseErrors: [parsed == nil ? OptimizerParseError.empty.rawValue : nil])
            return (criterion, parsed, record)
        }
        var parsed: [String: String] = [:]
        for (criterion, instruction, _) in results { parsed[criterion] = instruction }
        return resolve(parsed, instructions: instructions, calls: results.map(\.2), missingReason: OptimizerParseError.empty.rawValue)
    }

    /// SSC, SCC, CCC, Single: one JSON call, re-sampled until it parses, at most
    /// `optimizerAttempts` times; if none parses every criterion falls back.
    private func combined(
        step: Int, predictions: [PredictionRecord], gradients: [TextRecord], instructions: [String: String],
        formatBlock: Bool
    ) async throws -> Outcome {
        let spec = context.spec
        let prompt = OptimizerPrompt.combined(
            criteria: spec.criteria, instructions: instructions,
            systemPrompt: context.taskPrompt(instructions: instructions, formatBlock: formatBlock).renderedInstructions,
            conversations: predictions.map { OptimizerPrompt.Conversation(input: context.inputLines($0.item), output: $0.raw) },
            feedback: feedbackGroups(gradients))
        var replies: [String] = []
        var errors: [String?] = []
        for sample in 0..<max(1, spec.pipeline.optimizerAttempts) {
            let site = CallSite(step: step, stage: .optimizer, item: 0, sample: sample)
            let reply = try await context.call(.optimizer, prompt: prompt, site: site).content
            replies.append(reply)
            switch OptimizerReplyParser.parseCombined(reply, criteria: spec.criteria) {
            case .success(let parsed):
                errors.append(nil)
                let record = OptimizerCallRecord(criterion: nil, prompt: prompt, replies: replies, parseErrors: errors)
                return resolve(parsed, instructions: instructions, calls: [record], missingReason: "missing from the reply")
            case .failure(let error):
                errors.append(error.rawValue)
                context.bookUnusableReply()
            }
        }
        let record = OptimizerCallRecord(criterion: nil, prompt: prompt, replies: replies, parseErrors: errors)
        return resolve([:], instructions: instructions, calls: [record], missingReason: "no parsable reply")
    }

    /// The `<FEEDBACK>` groups. SSC: each criterion's own gradients. SCC/CCC: the shared
    /// gradients repeated under every criterion (released), or once under all of them (compat
    /// `dedupe_combined_gradients`).
    private func feedbackGroups(_ gradients: [TextRecord]) -> [OptimizerPrompt.FeedbackGroup] {
        let criteria = context.spec.criteria
        if context.spec.mode.separateGradient {
            return criteria.map { criterion in
                .init(criteria: [criterion], gradients: gradients.filter { $0.criterion == criterion }.map(\.text))
            }
        }
        let shared = gradients.map(\.text)
        if context.spec.compat.dedupeCombinedGradients {
            return [.init(criteria: criteria, gradients: shared)]
        }
        return criteria.map { .init(criteria: [$0], gradients: shared) }
    }

    /// The candidate: parsed instructions, with each missing criterion falling back to its current
    /// instruction (decisions 7) or, with `fallback_to_initial_instruction`, its initial one.
    private func resolve(
        _ parsed: [String: String?], instructions: [String: String], calls: [OptimizerCallRecord], missingReason: String
    ) -> Outcome {
        let spec = context.spec
        var candidate: [String: String] = [:]
        var fallbacks: [FallbackEvent] = []
        for criterion in spec.criteria {
            if let instruction = parsed[criterion] ?? nil {
                candidate[criterion] = instruction
                continue
            }
            let initial = spec.compat.fallbackToInitialInstruction
            candidate[criterion] = initial ? spec.initialInstruction(criterion) : instructions[criterion] ?? ""
            fallbacks.append(FallbackEvent(criterion: criterion, reason: missingReason, usedInstruction: initial ? "initial" : "current"))
        }
        return Outcome(candidate: candidate, calls: calls, fallbacks: fallbacks)
    }
}
