import Foundation

/// Task ids for the many tasks of one sweep, byte for byte what `TaskIdentity.id()` gives, with
/// the parts that tasks share (pipeline, compat switches, data set, roles) encoded once instead
/// of once per task: the canonical JSON is assembled from those fragments and the few fields
/// that differ. A 10,000-task plan is hashed in a fraction of the time, which is most of a
/// coordinator's restart.
struct TaskIdentityHasher {
    /// A data set and roles, encoded.
    struct Parts {
        fileprivate let dataset: String?
        fileprivate let roles: String
    }

    private let compat: String
    private let pipeline: String

    /// For identities with this pipeline and these compat switches.
    init(pipeline: PipelineConfig, compat: CompatSwitches) {
        self.compat = Self.json(compat)
        self.pipeline = Self.json(pipeline)
    }

    /// `dataset` and `roles` encoded, for every identity that has them.
    func parts(dataset: TaskIdentity.DatasetIdentity?, roles: [String: TaskIdentity.RoleIdentity]) -> Parts {
        Parts(dataset: dataset.map(Self.json), roles: Self.json(roles))
    }

    /// `identity.id()`, given `parts` made from its data set and roles and this hasher made from
    /// its pipeline and compat switches. The keys come in the order `.sortedKeys` puts them.
    func id(_ identity: TaskIdentity, parts: Parts) -> String {
        var json = "{\"backbone\":" + Self.string(identity.backbone)
        json += ",\"compat\":" + compat
        if let criterion = identity.criterion { json += ",\"criterion\":" + Self.string(criterion) }
        if let dataset = parts.dataset { json += ",\"dataset\":" + dataset }
        json += ",\"dependsOn\":[" + identity.dependsOn.map(Self.string).joined(separator: ",") + "]"
        json += ",\"gate\":" + Self.string(identity.gate.rawValue)
        json += ",\"kind\":" + Self.string(identity.kind.rawValue)
        if let mode = identity.mode { json += ",\"mode\":" + Self.string(mode.rawValue) }
        json += ",\"pipeline\":" + pipeline
        json += ",\"protocolVersion\":\(identity.protocolVersion)"
        json += ",\"roles\":" + parts.roles
        if let seed = identity.seed { json += ",\"seed\":\(seed)" }
        json += "}"
        return SHA256Hex.of(json)
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        // Encoding plain structs of strings, numbers and dictionaries cannot fail.
        // swiftlint:disable:next force_try
        String(decoding: try! CanonicalJSON.encode(value), as: UTF8.self)
    }

    /// A JSON string literal: printable ASCII without quotes or backslashes as it is, anything
    /// else as the canonical encoder writes it.
    private static func string(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        return plain ? "\"" + text + "\"" : json(text)
    }
}
