import ColliderCore

/// What every stage of a run shares: the spec, the data, the LLM and the stats ledger. Makes the
/// requests: role parameters, prompt suffix, call key and seed.
final class RunContext: Sendable {
    let spec: RunSpec
    let data: RunData
    let llm: any LLM
    let ledger: StatsLedger
    /// The diagnostics' judge; nil in optimization runs.
    let judge: RoleConfig?

    init(spec: RunSpec, data: RunData, llm: any LLM, stats: RunStats, judge: RoleConfig? = nil) {
        self.spec = spec
        self.data = data
        self.llm = llm
        self.judge = judge
        ledger = StatsLedger(stats)
    }

    /// Sends `prompt` (the role's suffix appended) as `role` from `site`, and books the reply or
    /// the failure.
    func call(_ role: Role, prompt: String, site: CallSite) async throws(LLMError) -> LLMReply {
        guard let config = role == .judge ? judge : spec.roles[role] else {
            throw LLMError(
                .bug, "task \(spec.taskID): no \(role.rawValue) role configured", endpoint: "", role: role, callKey: "")
        }
        var request = LLMRequest(
            role: role, callKey: "", taskID: spec.taskID, endpoint: config.endpoint, model: config.model,
            prompt: prompt + config.promptSuffix, temperature: config.temperature, maxTokens: config.maxTokens,
            seed: site.seed(taskID: spec.taskID), extraBody: config.extraBody,
            timeoutSeconds: config.timeoutSeconds)
        request.callKey = site.callKey(taskID: spec.taskID, body: request.body)
        do {
            let reply = try await llm.complete(request)
            ledger.update { $0.add(reply: reply, role: role, isResample: site.sample > 0) }
            return reply
        } catch {
            ledger.update { $0.add(failure: error.failure) }
            throw error
        }
    }

    /// Books an unusable reply (it will be re-sampled or recorded as a failure).
    func bookUnusableReply() {
        ledger.update { $0.add(failure: .model) }
    }

    /// The task prompt with `instructions`, restricted to `criteria` (all by default).
    func taskPrompt(instructions: [String: String], formatBlock: Bool, criteria: [String]? = nil) -> TaskPrompt {
        TaskPrompt(
            directive: spec.directive, criteria: criteria ?? spec.criteria, instructions: instructions,
            scale: spec.scale, showsFormatBlock: formatBlock)
    }

    /// The `Label: value` lines of row `item`.
    func inputLines(_ item: Int) -> String {
        PromptParts.inputLines(labels: spec.inputLabels, values: data.rows[item].inputs)
    }

    /// Runs `body` over `items` with at most `spec.concurrency` in flight; results in item order.
    func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            let width = max(1, spec.concurrency)
            while next < min(width, items.count) {
                let index = next
                group.addTask { (index, try await body(items[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await body(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}
