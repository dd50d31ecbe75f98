import ColliderCore
import ColliderPipeline

/// Small runs built in code: a SummEval-shaped spec and synthetic rows.
public enum RunFixtures {
    /// SummEval's four criteria.
    public static let criteria = ["fluency", "relevance", "coherence", "consistency"]

    /// A role on the endpoint `sim` with the default parameters of `role`.
    public static func role(_ role: Role, model: String = "scripted", suffix: String = "") -> RoleConfig {
        let defaults = RoleConfig.defaults(for: role, releasedTemperatures: false)
        return RoleConfig(
            endpoint: "sim", model: model, temperature: defaults.temperature, maxTokens: defaults.maxTokens,
            promptSuffix: suffix, timeoutSeconds: defaults.timeoutSeconds)
    }

    /// A backbone whose four roles use the scripted model; `suffix` is appended to every prompt.
    public static func backbone(suffix: String = "") -> Backbone {
        Backbone(
            task: role(.task, suffix: suffix), loss: role(.loss, suffix: suffix),
            gradient: role(.gradient, suffix: suffix), optimizer: role(.optimizer, suffix: suffix))
    }

    /// A run spec; a Single-Task run gets `criteria`'s first criterion.
    public static func spec(
        mode: Mode, gate: Gate, steps: Int = 2, batchSize: Int = 3, validationSize: Int = 5, seed: Int = 1,
        criteria: [String] = criteria, compat: CompatSwitches = CompatSwitches(), concurrency: Int = 4,
        suffix: String = ""
    ) -> RunSpec {
        let used = mode == .single ? Array(criteria.prefix(1)) : criteria
        return RunSpec(
            taskID: "task-\(mode.rawValue)-\(gate.rawValue)-\(seed)", mode: mode, gate: gate, seed: seed, criteria: used,
            directive: "You are a careful evaluator.\n## Task\nEvaluate the Summary against the Source Text.",
            inputLabels: ["Summary", "Source Text"], scale: Scale(min: 1, max: 5),
            initialInstructions: Dictionary(uniqueKeysWithValues: criteria.map { ($0, "Rate from 1 to 5.") }),
            pipeline: PipelineConfig(steps: steps, batchSize: batchSize, validationSize: validationSize),
            roles: backbone(suffix: suffix), compat: compat, concurrency: concurrency)
    }

    /// `train + test` synthetic rows: the first `train` are the training split, whose first
    /// `validation` rows are the validation set; the rest are the test split.
    public static func data(train: Int = 12, validation: Int = 5, test: Int = 7, criteria: [String] = criteria) -> RunData {
        let rows = (0..<(train + test)).map { index in
            DatasetRow(
                index: index, line: index + 1,
                inputs: ["Summary \(index) of the article.", "Article \(index): a \"quoted\" source text."],
                groundTruth: Dictionary(
                    uniqueKeysWithValues: criteria.enumerated().map { ($1, 1 + (index * 3 + $0) % 5) }))
        }
        return RunData(
            rows: rows, train: Array(0..<train), validation: Array(0..<validation), test: Array(train..<(train + test)))
    }
}
