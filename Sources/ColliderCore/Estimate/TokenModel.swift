/// How `plan` turns calls into tokens before anything is sent. Written down in `docs/plan.md`.
///
/// Task-LLM prompts (≈ 96 % of a sweep's tokens, reference §9) are measured: the initial prompt is
/// rendered for the run's criteria and the mean size of the real samples is added. Everything
/// the pipeline's own LLMs write (critiques, gradients, replies) is taken from the sizes the
/// reference measured on real runs (reference §1.8), and optimized instructions are assumed to
/// grow by `instructionGrowthTokens` per criterion after step 0 (the paper reports 100–800).
public struct TokenModel: Sendable, Equatable {
    /// Characters per token (reference §1.8 measured ≈ 4 for English prose).
    public static let charsPerToken = 4.0
    /// Fixed framing of loss, gradient and optimizer prompts (the backward-engine preamble).
    public static let preambleTokens = 600.0
    /// A loss critique (reference §1.8: 150–350 tokens).
    public static let critiqueTokens = 250.0
    /// A three-paragraph gradient (reference §1.8: 400–500 tokens).
    public static let gradientTokens = 450.0
    /// Average growth of one criterion's instruction once optimized.
    public static let instructionGrowthTokens = 300.0
    /// A judge prompt (rubric plus the judged texts) and its one-integer reply.
    public static let judgeInputTokens = 1_500.0
    public static let judgeOutputTokens = 2.0

    /// Mean characters of one sample block (`Label: value` lines) over the test split.
    public var testSampleChars: Double
    /// Mean characters of one sample block over the training split.
    public var trainSampleChars: Double

    public init(testSampleChars: Double, trainSampleChars: Double) {
        self.testSampleChars = testSampleChars
        self.trainSampleChars = trainSampleChars
    }

    /// Tokens of the task prompt without its sample, for `criteria`, at step 0.
    static func instructionTokens(dataset: DatasetConfig, criteria: [String], suffix: String) -> Double {
        let prompt = TaskPrompt(
            directive: dataset.directive, criteria: criteria,
            instructions: dataset.initialInstructions, scale: dataset.scale)
        let framing = "\n\n## Sample:\n\n\n## Response:\n"
        return Double(prompt.renderedInstructions.count + framing.count + suffix.count) / charsPerToken
    }

    /// Tokens of the task LLM's JSON reply for `criteria` (a fenced object, one line per criterion).
    static func taskReplyTokens(criteria: [String]) -> Double {
        let chars = criteria.reduce(16) { $0 + $1.count + 8 }
        return Double(chars) / charsPerToken
    }
}
