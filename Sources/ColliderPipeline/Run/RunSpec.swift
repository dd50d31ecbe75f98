import ColliderCore

/// Everything one optimization run needs besides its data and its LLM: the effective
/// configuration recorded in the run's summary.
public struct RunSpec: Sendable, Equatable, Codable {
    /// The task id; part of every call key.
    public var taskID: String
    public var mode: Mode
    public var gate: Gate
    /// The run seed; drives minibatch sampling (decisions 4).
    public var seed: Int
    /// Criteria in prompt order: all of the dataset's, or the one of a Single-Task run.
    public var criteria: [String]
    public var directive: String
    /// Labels of the input fields, in prompt order.
    public var inputLabels: [String]
    public var scale: Scale
    public var initialInstructions: [String: String]
    public var pipeline: PipelineConfig
    public var roles: Backbone
    public var compat: CompatSwitches
    /// How many calls of one stage are in flight at once (the LLM layer enforces endpoint limits).
    public var concurrency: Int

    public init(
        taskID: String, mode: Mode, gate: Gate, seed: Int, criteria: [String], directive: String,
        inputLabels: [String], scale: Scale, initialInstructions: [String: String], pipeline: PipelineConfig,
        roles: Backbone, compat: CompatSwitches, concurrency: Int = 16
    ) {
        self.taskID = taskID
        self.mode = mode
        self.gate = gate
        self.seed = seed
        self.criteria = criteria
        self.directive = directive
        self.inputLabels = inputLabels
        self.scale = scale
        self.initialInstructions = initialInstructions
        self.pipeline = pipeline
        self.roles = roles
        self.compat = compat
        self.concurrency = concurrency
    }

    /// The spec of the run task `task` of `config`.
    public init(task: SweepTask, config: SweepConfig, concurrency: Int = 16) throws(RunError) {
        guard task.kind == .run, let mode = task.mode, let seed = task.seed else {
            throw RunError(.invalidTask, "task \(task.id) is not an optimization run")
        }
        guard let roles = config.backbones[task.backbone] else {
            throw RunError(.invalidTask, "task \(task.id): no backbone named \(task.backbone)")
        }
        let criteria = mode == .single ? task.criterion.map { [$0] } ?? [] : config.dataset.criteria
        guard !criteria.isEmpty else {
            throw RunError(.invalidTask, "task \(task.id): a Single-Task run needs a criterion")
        }
        self.init(
            taskID: task.id, mode: mode, gate: task.gate, seed: seed, criteria: criteria,
            directive: config.dataset.directive, inputLabels: config.dataset.inputs.map(\.label),
            scale: config.dataset.scale, initialInstructions: config.dataset.initialInstructions,
            pipeline: config.pipeline, roles: roles, compat: config.compat, concurrency: concurrency)
    }

    /// The initial instruction of `criterion`.
    func initialInstruction(_ criterion: String) -> String {
        initialInstructions[criterion] ?? ""
    }
}

/// The rows a run works on and its splits; indices are positions in `rows`.
public struct RunData: Sendable, Equatable {
    public var rows: [DatasetRow]
    /// Training rows; minibatches are drawn from these.
    public var train: [Int]
    /// The validation-gate rows.
    public var validation: [Int]
    /// The test rows.
    public var test: [Int]

    public init(rows: [DatasetRow], train: [Int], validation: [Int], test: [Int]) {
        self.rows = rows
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// The rows of `dataset` with the sweep's `splits`.
    public init(dataset: Dataset, splits: Splits) {
        self.init(rows: dataset.rows, train: splits.train, validation: splits.validation, test: splits.test)
    }
}

/// Why a run could not start or continue. Its description names the task.
public struct RunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// The task is not a run this spec can describe.
        case invalidTask = "invalid_task"
        /// The checkpoint belongs to another task or is past the last step.
        case checkpointMismatch = "checkpoint_mismatch"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
