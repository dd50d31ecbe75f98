@testable import ColliderCore

/// Configs built in code, so grid tests do not depend on the YAML loader.
enum Fixtures {
    static func role(_ role: Role, endpoint: String = "api", model: String) -> RoleConfig {
        let defaults = RoleConfig.defaults(for: role, releasedTemperatures: false)
        return RoleConfig(
            endpoint: endpoint, model: model, temperature: defaults.temperature,
            maxTokens: defaults.maxTokens, timeoutSeconds: defaults.timeoutSeconds)
    }

    static func backbone(task: String, rest: String) -> Backbone {
        Backbone(
            task: role(.task, model: task), loss: role(.loss, model: rest),
            gradient: role(.gradient, model: rest), optimizer: role(.optimizer, model: rest))
    }

    static let criteria = ["fluency", "relevance", "coherence", "consistency"]

    /// The paper's Table 1 grid (reference-pipeline §9): S=12, B=3, V=100, T=480, eval every step.
    static func paper(
        modes: [Mode] = Mode.allCases, gates: [Gate] = [.mae, .none], seeds: [Int] = [1, 2, 3],
        backbones: [String] = ["qwen3"], analyses: AnalysesConfig = AnalysesConfig()
    ) -> SweepConfig {
        SweepConfig(
            name: "paper",
            dataset: DatasetConfig(
                path: "/data/summeval.jsonl",
                inputs: [InputField(label: "Summary", field: "summary"), InputField(label: "Source Text", field: "source")],
                criteria: criteria, scale: Scale(min: 1, max: 5),
                initialInstructions: Dictionary(uniqueKeysWithValues: criteria.map { ($0, "Rate from 1 to 5.") }),
                directive: "You are a careful evaluator.", split: SplitConfig(seed: 42, train: 160, test: 480)),
            pipeline: PipelineConfig(steps: 12, batchSize: 3, validationSize: 100),
            grid: GridConfig(backbones: backbones, modes: modes, gates: gates, seeds: seeds),
            analyses: analyses,
            backbones: [
                "qwen3": backbone(task: "qwen/qwen3-8b", rest: "qwen/qwen3-235b-a22b-2507"),
                "deepseek": backbone(task: "deepseek-v4-flash", rest: "deepseek-v4-pro"),
            ],
            judge: role(.judge, model: "anthropic/claude-sonnet-4.6"),
            endpoints: [
                "api": EndpointConfig(
                    kind: .openai, baseURL: "https://example.invalid/v1", apiKeyEnv: nil,
                    requestsPerMinute: 600, tokensPerMinute: 1_000_000, maxConcurrency: 10,
                    prices: ["qwen/qwen3-8b": Price(input: 0.05, cachedInput: 0.05, output: 0.25)])
            ],
            budget: BudgetConfig(maxUSD: nil), compat: CompatSwitches())
    }
}
