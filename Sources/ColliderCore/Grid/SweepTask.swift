/// What a task does.
public enum TaskKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// One optimization run: a cell × seed (× criterion for Single-Task).
    case run
    /// The cherry-pick experiment for one backbone × gate, over its Single-Task runs.
    case cherryPick = "cherry_pick"
    /// The LLM-judged gradient-specificity diagnostic of one run.
    case gradientSpecificity = "gradient_specificity"
    /// The LLM-judged feedback-adherence diagnostic of one run.
    case feedbackAdherence = "feedback_adherence"
}

/// One node of the sweep's task DAG, identified by the hash of everything that determines its
/// work (see `TaskIdentity`).
public struct SweepTask: Sendable, Hashable, Codable {
    /// Lower-case hex SHA-256 of the task's canonical identity.
    public var id: String
    public var kind: TaskKind
    public var backbone: String
    /// The run's mode; for a diagnostic, the mode of the run it judges; nil for cherry-pick.
    public var mode: Mode?
    public var gate: Gate
    /// The run's seed; for a diagnostic, the seed of the run it judges; nil for cherry-pick.
    public var seed: Int?
    /// The criterion of a Single-Task run (or of the run a diagnostic judges); nil otherwise.
    public var criterion: String?
    /// Ids of the tasks whose results this one needs.
    public var dependsOn: [String]

    public init(
        id: String, kind: TaskKind, backbone: String, mode: Mode?, gate: Gate, seed: Int?,
        criterion: String?, dependsOn: [String]
    ) {
        self.id = id
        self.kind = kind
        self.backbone = backbone
        self.mode = mode
        self.gate = gate
        self.seed = seed
        self.criterion = criterion
        self.dependsOn = dependsOn
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, backbone, mode, gate, seed, criterion
        case dependsOn = "depends_on"
    }

    /// Explicit nulls, so `--json` consumers always see every key. TASK frames write the same
    /// JSON directly (`FrameCodec.taskFrame`): a key added here goes there too (`TaskFrameTests`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(backbone, forKey: .backbone)
        try container.encode(mode, forKey: .mode)
        try container.encode(gate, forKey: .gate)
        try container.encode(seed, forKey: .seed)
        try container.encode(criterion, forKey: .criterion)
        try container.encode(dependsOn, forKey: .dependsOn)
    }

    /// A short human label, e.g. `qwen3/SSS/mae/seed 2` or `qwen3/single[fluency]/none/seed 1`.
    public var label: String {
        var parts = [backbone]
        if let mode {
            parts.append(criterion.map { "\(mode.rawValue)[\($0)]" } ?? mode.rawValue)
        }
        parts.append(gate.rawValue)
        if let seed { parts.append("seed \(seed)") }
        let base = parts.joined(separator: "/")
        return kind == .run ? base : "\(kind.rawValue) \(base)"
    }
}
