import ColliderCore

/// What a run needs to continue after its last completed step (architecture.md, "Checkpoints and
/// the call journal"). No random-generator state is kept: every random choice derives from
/// (seed, step), so the next step's minibatch is the same whether or not the run was resumed.
/// The records of completed steps are not repeated here: the sink already holds them.
public struct RunCheckpoint: Sendable, Equatable, Codable {
    /// Bumped when the meaning of a field changes; a checkpoint of another version is refused.
    public static let currentVersion = 1

    public var version: Int
    public var taskID: String
    /// The last completed step; the run resumes at `step + 1`.
    public var step: Int
    /// The current (post-gate) instruction per criterion.
    public var instructions: [String: String]
    /// The instructions at the start of the last completed step.
    public var previousInstructions: [String: String]
    /// Whether the current prompt shows the output-format block (decisions 1).
    public var formatBlock: Bool
    /// The gate with its incumbent score.
    public var gate: ValidationGate
    /// Totals so far, so the final summary covers the whole run.
    public var stats: RunStats

    public init(
        taskID: String, step: Int, instructions: [String: String], previousInstructions: [String: String],
        formatBlock: Bool, gate: ValidationGate, stats: RunStats
    ) {
        version = Self.currentVersion
        self.taskID = taskID
        self.step = step
        self.instructions = instructions
        self.previousInstructions = previousInstructions
        self.formatBlock = formatBlock
        self.gate = gate
        self.stats = stats
    }

    enum CodingKeys: String, CodingKey {
        case version, step, instructions, gate, stats
        case taskID = "task"
        case previousInstructions = "previous_instructions"
        case formatBlock = "format_block"
    }
}
