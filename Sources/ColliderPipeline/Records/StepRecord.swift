import ColliderCore

/// One line of `steps.jsonl`: everything an optimization step (or the step-0 baseline) did.
public struct StepRecord: Sendable, Equatable, Codable {
    public var step: Int
    /// Row ids of the training minibatch; empty at step 0.
    public var minibatch: [Int] = []
    public var predictions: [PredictionRecord] = []
    public var critiques: [TextRecord] = []
    public var gradients: [TextRecord] = []
    /// Every optimizer call with its prompt and every raw reply, re-samples included.
    public var optimizer: [OptimizerCallRecord] = []
    /// The instructions at the start of the step.
    public var instructionsBefore: [String: String]
    /// The optimizer's candidate before gating; nil at step 0.
    public var candidate: [String: String]?
    /// Criteria whose instruction was not in the optimizer's reply, and what was used instead.
    public var fallbacks: [FallbackEvent] = []
    public var gate: GateDecision?
    /// The instructions after the gate: the prompt evaluated at this step.
    public var instructions: [String: String]
    /// Whether the prompt after the gate shows the output-format block.
    public var formatBlock: Bool
    /// Test metrics per criterion; nil when the step is not evaluated.
    public var test: [String: TestMetrics]?
    public var testAvg: TestAverage?

    public init(step: Int, instructionsBefore: [String: String], instructions: [String: String], formatBlock: Bool) {
        self.step = step
        self.instructionsBefore = instructionsBefore
        self.instructions = instructions
        self.formatBlock = formatBlock
    }

    enum CodingKeys: String, CodingKey {
        case step, minibatch, predictions, critiques, gradients, optimizer, candidate, fallbacks, gate, instructions, test
        case instructionsBefore = "instructions_before"
        case formatBlock = "format_block"
        case testAvg = "test_avg"
    }

    /// Writes every key, with explicit nulls, so consumers of `steps.jsonl` see the same shape on
    /// every line.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step, forKey: .step)
        try container.encode(minibatch, forKey: .minibatch)
        try container.encode(predictions, forKey: .predictions)
        try container.encode(critiques, forKey: .critiques)
        try container.encode(gradients, forKey: .gradients)
        try container.encode(optimizer, forKey: .optimizer)
        try container.encode(instructionsBefore, forKey: .instructionsBefore)
        try container.encode(candidate, forKey: .candidate)
        try container.encode(fallbacks, forKey: .fallbacks)
        try container.encode(gate, forKey: .gate)
        try container.encode(instructions, forKey: .instructions)
        try container.encode(formatBlock, forKey: .formatBlock)
        try container.encode(test, forKey: .test)
        try container.encode(testAvg, forKey: .testAvg)
    }
}

/// A task-LLM prediction for one item, with every raw reply.
public struct PredictionRecord: Sendable, Equatable, Codable {
    public var item: Int
    /// Value per criterion; null when missing or after a parse failure.
    public var pred: [String: Double?]
    /// The last raw reply.
    public var raw: String
    /// Earlier raw replies that were re-sampled.
    public var resampled: [String]
    public var parseError: String?

    public init(item: Int, pred: [String: Double?], raw: String, resampled: [String], parseError: String?) {
        self.item = item
        self.pred = pred
        self.raw = raw
        self.resampled = resampled
        self.parseError = parseError
    }

    enum CodingKeys: String, CodingKey {
        case item, pred, raw, resampled
        case parseError = "parse_error"
    }

    /// Writes `parse_error` as an explicit null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item, forKey: .item)
        try container.encode(pred, forKey: .pred)
        try container.encode(raw, forKey: .raw)
        try container.encode(resampled, forKey: .resampled)
        try container.encode(parseError, forKey: .parseError)
    }
}

/// A critique or a gradient: its text, the prompt that produced it, and what it is about.
public struct TextRecord: Sendable, Equatable, Codable {
    /// The criterion; nil for a combined (all-criteria) text.
    public var criterion: String?
    /// The minibatch item's row id.
    public var item: Int
    public var text: String
    public var prompt: String

    public init(criterion: String?, item: Int, text: String, prompt: String) {
        self.criterion = criterion
        self.item = item
        self.text = text
        self.prompt = prompt
    }
}

/// One optimizer call: its prompt and each sample's raw reply and parse error.
public struct OptimizerCallRecord: Sendable, Equatable, Codable {
    /// The criterion of an SSS call; nil for a combined call.
    public var criterion: String?
    public var prompt: String
    /// Raw replies in sample order (decisions 11).
    public var replies: [String]
    /// Parse error per reply; nil for the reply that was used.
    public var parseErrors: [String?]

    public init(criterion: String?, prompt: String, replies: [String], parseErrors: [String?]) {
        self.criterion = criterion
        self.prompt = prompt
        self.replies = replies
        self.parseErrors = parseErrors
    }

    enum CodingKeys: String, CodingKey {
        case criterion, prompt, replies
        case parseErrors = "parse_errors"
    }
}

/// A criterion whose new instruction was missing from the optimizer's output (decisions 7).
public struct FallbackEvent: Sendable, Equatable, Codable {
    public var criterion: String
    /// Why: a missing key, an empty reply, or no parsable reply after every attempt.
    public var reason: String
    /// `current` (collider's default) or `initial` (compat `fallback_to_initial_instruction`).
    public var usedInstruction: String

    public init(criterion: String, reason: String, usedInstruction: String) {
        self.criterion = criterion
        self.reason = reason
        self.usedInstruction = usedInstruction
    }

    enum CodingKeys: String, CodingKey {
        case criterion, reason
        case usedInstruction = "used_instruction"
    }
}

/// Test metrics of one criterion.
public struct TestMetrics: Sendable, Equatable, Codable {
    public var spearman: Double
    public var kendall: Double
    public var mae: Double
    public var offByOne: Double
    public var n: Int
    public var degenerate: Bool

    public init(_ values: MetricValues) {
        spearman = values.spearman
        kendall = values.kendall
        mae = values.mae
        offByOne = values.offByOne
        n = values.n
        degenerate = values.degenerate
    }

    enum CodingKeys: String, CodingKey {
        case spearman, kendall, mae, n, degenerate
        case offByOne = "off_by_one"
    }
}

/// Test metrics averaged over the criteria.
public struct TestAverage: Sendable, Equatable, Codable {
    public var spearman: Double
    public var mae: Double
    public var offByOne: Double

    /// The arithmetic mean over `metrics`; zeros when empty.
    public init(_ metrics: [TestMetrics]) {
        let count = Double(max(1, metrics.count))
        spearman = metrics.reduce(0) { $0 + $1.spearman } / count
        mae = metrics.reduce(0) { $0 + $1.mae } / count
        offByOne = metrics.reduce(0) { $0 + $1.offByOne } / count
    }

    enum CodingKeys: String, CodingKey {
        case spearman, mae
        case offByOne = "off_by_one"
    }
}
