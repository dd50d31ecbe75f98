/// Everything that determines a task's work. Its canonical JSON, hashed, is the task id
/// (architecture.md, "Tasks"): re-expanding an edited config keeps the ids of untouched tasks.
///
/// Deliberately left out: endpoint names, URLs, limits, prices and timeouts (they change how and
/// where calls are made, not what they ask), and the dataset's path (its fingerprint stands in).
/// The backbone's name is kept so that two backbones with the same roles stay distinct cells.
struct TaskIdentity: Encodable {
    /// Bumped whenever the meaning of a task's work changes in a way the other fields miss.
    static let protocolVersion = 1

    struct RoleIdentity: Encodable {
        var model: String
        var temperature: Double
        var maxTokens: Int
        var promptSuffix: String
        var extraBody: [String: JSONValue]

        init(_ role: RoleConfig) {
            model = role.model
            temperature = role.temperature
            maxTokens = role.maxTokens
            promptSuffix = role.promptSuffix
            extraBody = role.extraBody
        }
    }

    struct DatasetIdentity: Encodable {
        var fingerprint: String
        var inputLabels: [String]
        var criteria: [String]
        var scale: Scale
        var initialInstructions: [String: String]
        var directive: String
        var split: SplitConfig

        init(_ dataset: DatasetConfig, fingerprint: String) {
            self.fingerprint = fingerprint
            inputLabels = dataset.inputs.map(\.label)
            criteria = dataset.criteria
            scale = dataset.scale
            initialInstructions = dataset.initialInstructions
            directive = dataset.directive
            split = dataset.split
        }
    }

    var protocolVersion = TaskIdentity.protocolVersion
    var kind: TaskKind
    /// The data and prompt the run sees; nil for diagnostics, whose run dependency covers it.
    var dataset: DatasetIdentity?
    var pipeline: PipelineConfig
    var compat: CompatSwitches
    var backbone: String
    /// The four pipeline roles by name; the judge for diagnostics.
    var roles: [String: RoleIdentity]
    var mode: Mode?
    var gate: Gate
    var seed: Int?
    var criterion: String?
    /// Ids of the tasks this one consumes: their identities are part of this one's.
    var dependsOn: [String]

    /// The task id: lower-case hex SHA-256 of the canonical JSON.
    func id() -> String {
        // Encoding plain structs of strings, numbers and dictionaries cannot fail.
        // swiftlint:disable:next force_try
        try! CanonicalJSON.sha256Hex(self)
    }
}
