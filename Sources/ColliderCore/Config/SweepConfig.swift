/// A whole sweep as the user wrote it in YAML, after validation and `${VAR}` interpolation.
///
/// Every field here has passed `ConfigLoader`'s checks: names referenced across sections exist,
/// grid axes are non-empty, numbers are in range. The schema is documented in `docs/config.md`.
public struct SweepConfig: Sendable, Equatable, Codable {
    /// The sweep's name; results go to `results/<name>/`.
    public var name: String
    public var dataset: DatasetConfig
    public var pipeline: PipelineConfig
    public var grid: GridConfig
    public var analyses: AnalysesConfig
    /// Backbones by name; a backbone assigns a model to each of the four roles.
    public var backbones: [String: Backbone]
    /// The model that scores the LLM-judged diagnostics; required when one of them is on.
    public var judge: RoleConfig?
    /// Provider endpoints by name.
    public var endpoints: [String: EndpointConfig]
    public var budget: BudgetConfig
    public var compat: CompatSwitches

    public init(
        name: String, dataset: DatasetConfig, pipeline: PipelineConfig, grid: GridConfig,
        analyses: AnalysesConfig, backbones: [String: Backbone], judge: RoleConfig?,
        endpoints: [String: EndpointConfig], budget: BudgetConfig, compat: CompatSwitches
    ) {
        self.name = name
        self.dataset = dataset
        self.pipeline = pipeline
        self.grid = grid
        self.analyses = analyses
        self.backbones = backbones
        self.judge = judge
        self.endpoints = endpoints
        self.budget = budget
        self.compat = compat
    }
}

/// Where the data set is and how its rows become prompts and ground truth.
public struct DatasetConfig: Sendable, Equatable, Codable {
    /// Path to the data file, resolved against the config file's folder.
    public var path: String
    public var format: DatasetFormat
    /// Input fields in prompt order, each with the label it gets in the prompt.
    public var inputs: [InputField]
    /// Criteria in prompt order; each is a numeric field of every row.
    public var criteria: [String]
    public var scale: Scale
    /// The initial instruction per criterion.
    public var initialInstructions: [String: String]
    /// The evaluation directive that opens every task prompt (the frozen skeleton).
    public var directive: String
    public var split: SplitConfig
    public var onBadRow: BadRowPolicy

    public init(
        path: String, format: DatasetFormat = .jsonl, inputs: [InputField], criteria: [String],
        scale: Scale, initialInstructions: [String: String], directive: String,
        split: SplitConfig, onBadRow: BadRowPolicy = .error
    ) {
        self.path = path
        self.format = format
        self.inputs = inputs
        self.criteria = criteria
        self.scale = scale
        self.initialInstructions = initialInstructions
        self.directive = directive
        self.split = split
        self.onBadRow = onBadRow
    }
}

/// File formats the dataset reader understands.
public enum DatasetFormat: String, Sendable, Equatable, Codable, CaseIterable {
    /// One JSON object per line; inputs and criteria are top-level fields.
    case jsonl
}

/// One input field of a row and the label it carries in the prompt (`Summary: …`).
public struct InputField: Sendable, Equatable, Codable {
    public var label: String
    public var field: String

    public init(label: String, field: String) {
        self.label = label
        self.field = field
    }
}

/// The inclusive integer rating scale, e.g. 1…5.
public struct Scale: Sendable, Equatable, Codable {
    public var min: Int
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    /// The values of the scale in order.
    public var values: ClosedRange<Int> { min...max }
}

/// How the rows are split; the validation size lives in `PipelineConfig`.
public struct SplitConfig: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var train: Int
    public var test: Int

    public init(seed: UInt64, train: Int, test: Int) {
        self.seed = seed
        self.train = train
        self.test = test
    }
}

/// What the reader does with a row that is missing a field or holds a bad value.
public enum BadRowPolicy: String, Sendable, Equatable, Codable, CaseIterable {
    /// Stop with an error naming the file and line.
    case error
    /// Leave the row out and count it.
    case skip
}

/// The optimization loop's sizes and evaluation schedule (reference-pipeline §1.1).
public struct PipelineConfig: Sendable, Equatable, Codable {
    /// Optimization steps S; step 0 is the baseline evaluation.
    public var steps: Int
    /// Training minibatch size B.
    public var batchSize: Int
    /// Validation-gate set size V, drawn from the training split.
    public var validationSize: Int
    public var evalEvery: Int
    public var evalInitial: Bool
    public var evalFirstStep: Bool
    public var evalLastStep: Bool
    /// Attempts at a task reply that parses (decisions 3).
    public var jsonAttempts: Int
    /// Attempts at an optimizer reply that parses (reference §2.4).
    public var optimizerAttempts: Int

    public init(
        steps: Int, batchSize: Int, validationSize: Int, evalEvery: Int = 1,
        evalInitial: Bool = true, evalFirstStep: Bool = true, evalLastStep: Bool = true,
        jsonAttempts: Int = 5, optimizerAttempts: Int = 5
    ) {
        self.steps = steps
        self.batchSize = batchSize
        self.validationSize = validationSize
        self.evalEvery = evalEvery
        self.evalInitial = evalInitial
        self.evalFirstStep = evalFirstStep
        self.evalLastStep = evalLastStep
        self.jsonAttempts = jsonAttempts
        self.optimizerAttempts = optimizerAttempts
    }

    /// Whether the test set is evaluated after step `step` (reference §1.1,
    /// `should_evaluate_at_step`).
    public func evaluates(step: Int) -> Bool {
        if step == 0 { return evalInitial }
        if step == 1 && evalFirstStep { return true }
        if step == steps && evalLastStep { return true }
        return evalEvery > 0 && step % evalEvery == 0
    }

    /// E: the number of test passes in one run, the baseline included.
    public var evaluatedSteps: Int {
        (0...steps).filter(evaluates(step:)).count
    }
}

/// The axes of the experiment grid.
public struct GridConfig: Sendable, Equatable, Codable {
    public var backbones: [String]
    public var modes: [Mode]
    public var gates: [Gate]
    public var seeds: [Int]

    public init(backbones: [String], modes: [Mode], gates: [Gate], seeds: [Int]) {
        self.backbones = backbones
        self.modes = modes
        self.gates = gates
        self.seeds = seeds
    }
}

/// Decomposition mode: how the loss, gradient and optimizer stages split the criteria
/// (S = one call per criterion, C = one call for all). `single` runs one criterion at a time.
public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
    case single
    case SSS
    case SSC
    case SCC
    case CCC

    /// Whether the loss stage works per criterion.
    public var separateLoss: Bool { self == .SSS || self == .SSC || self == .SCC }
    /// Whether the gradient stage works per criterion.
    public var separateGradient: Bool { self == .SSS || self == .SSC }
    /// Whether the optimizer stage works per criterion.
    public var separateOptimizer: Bool { self == .SSS }
}

/// The validation gate that accepts or rejects each candidate prompt.
public enum Gate: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    case mae
    case offByOne = "off_by_one"
    case spearman

    /// Whether candidates are scored on the validation set.
    public var isOn: Bool { self != .none }
}

/// Which analyses run after the optimization runs.
public struct AnalysesConfig: Sendable, Equatable, Codable {
    public var cherryPick: Bool
    public var gradientSpecificity: Bool
    public var feedbackAdherence: Bool

    public init(cherryPick: Bool = false, gradientSpecificity: Bool = false, feedbackAdherence: Bool = false) {
        self.cherryPick = cherryPick
        self.gradientSpecificity = gradientSpecificity
        self.feedbackAdherence = feedbackAdherence
    }
}

/// The four pipeline roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case task
    case loss
    case gradient
    case optimizer
    /// The diagnostics' judge; not part of a backbone.
    case judge
}

/// A model for each pipeline role.
public struct Backbone: Sendable, Equatable, Codable {
    public var task: RoleConfig
    public var loss: RoleConfig
    public var gradient: RoleConfig
    public var optimizer: RoleConfig

    public init(task: RoleConfig, loss: RoleConfig, gradient: RoleConfig, optimizer: RoleConfig) {
        self.task = task
        self.loss = loss
        self.gradient = gradient
        self.optimizer = optimizer
    }

    /// The configuration of `role`; the judge is not a backbone role and yields nil.
    public subscript(role: Role) -> RoleConfig? {
        switch role {
        case .task: task
        case .loss: loss
        case .gradient: gradient
        case .optimizer: optimizer
        case .judge: nil
        }
    }
}

/// How one role's requests are made. Defaults are filled in by the loader, so every field is
/// the value actually sent.
public struct RoleConfig: Sendable, Equatable, Codable {
    /// Name of an entry in `endpoints`.
    public var endpoint: String
    public var model: String
    public var temperature: Double
    public var maxTokens: Int
    /// Appended to every prompt of this role (e.g. "\n/no_think" for Qwen3).
    public var promptSuffix: String
    /// Extra request-body fields merged into every request of this role.
    public var extraBody: [String: JSONValue]
    /// Whole-request timeout.
    public var timeoutSeconds: Double

    public init(
        endpoint: String, model: String, temperature: Double, maxTokens: Int,
        promptSuffix: String = "", extraBody: [String: JSONValue] = [:], timeoutSeconds: Double
    ) {
        self.endpoint = endpoint
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.promptSuffix = promptSuffix
        self.extraBody = extraBody
        self.timeoutSeconds = timeoutSeconds
    }

    /// Defaults per role (decisions 2, reference §3): temperature, max tokens, timeout.
    public static func defaults(for role: Role, releasedTemperatures: Bool)
        -> (temperature: Double, maxTokens: Int, timeoutSeconds: Double)
    {
        switch role {
        case .task: (0.1, 256, 60)
        case .loss: (releasedTemperatures ? 0.7 : 0.3, 1024, 60)
        case .gradient: (releasedTemperatures ? 0.7 : 0.3, 8192, 600)
        case .optimizer: (0.7, 16384, 600)
        case .judge: (0.0, 10, 60)
        }
    }
}

/// A provider endpoint and its limits.
public struct EndpointConfig: Sendable, Equatable, Codable {
    public var kind: EndpointKind
    /// Base URL up to and including `/v1`; optional for `sim` endpoints, which collider starts.
    public var baseURL: String?
    /// Name of the environment variable that holds the API key; nil when the endpoint needs none.
    public var apiKeyEnv: String?
    public var requestsPerMinute: Int
    public var tokensPerMinute: Int
    public var maxConcurrency: Int
    /// Dollars per million tokens, by model name.
    public var prices: [String: Price]

    public init(
        kind: EndpointKind, baseURL: String?, apiKeyEnv: String?, requestsPerMinute: Int,
        tokensPerMinute: Int, maxConcurrency: Int, prices: [String: Price]
    ) {
        self.kind = kind
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.maxConcurrency = maxConcurrency
        self.prices = prices
    }
}

/// What kind of server an endpoint is.
public enum EndpointKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Any OpenAI-compatible chat-completions API.
    case openai
    /// collider's simulated provider, started on loopback when needed.
    case sim
}

/// Dollars per million tokens.
public struct Price: Sendable, Equatable, Codable {
    public var input: Double
    public var cachedInput: Double
    public var output: Double

    public init(input: Double, cachedInput: Double, output: Double) {
        self.input = input
        self.cachedInput = cachedInput
        self.output = output
    }

    /// Dollars for one call's usage.
    public func dollars(inputTokens: Int, cachedInputTokens: Int = 0, outputTokens: Int) -> Double {
        let uncached = Double(Swift.max(0, inputTokens - cachedInputTokens))
        return (uncached * input + Double(cachedInputTokens) * cachedInput + Double(outputTokens) * output)
            / 1_000_000
    }
}

/// The sweep's dollar ceiling.
public struct BudgetConfig: Sendable, Equatable, Codable {
    public var maxUSD: Double?

    public init(maxUSD: Double? = nil) {
        self.maxUSD = maxUSD
    }
}

/// Switches that restore the released code's behaviour where collider differs (decisions.md).
/// All default to off.
public struct CompatSwitches: Sendable, Equatable, Codable {
    public var dropFormatBlockAfterUpdate = false
    public var releasedTemperatures = false
    public var noJSONResampling = false
    public var stepSeededMinibatches = false
    public var fallbackToInitialInstruction = false
    public var dedupeCombinedGradients = false

    public init() {}

    /// The YAML key of each switch, in documentation order.
    public static let keys = [
        "drop_format_block_after_update", "released_temperatures", "no_json_resampling",
        "step_seeded_minibatches", "fallback_to_initial_instruction", "dedupe_combined_gradients",
    ]
}
