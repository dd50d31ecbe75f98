import Yams

/// Where in the config a problem is: a 1-based line and column and the key path that leads there.
struct ConfigPlace: Equatable {
    var line: Int
    var column: Int
    var keyPath: String

    /// `keyPath` is empty for the document root, which messages call `(root)`.
    init(_ mark: Mark?, keyPath: String) {
        self.line = mark?.line ?? 1
        self.column = mark?.column ?? 1
        self.keyPath = keyPath.isEmpty ? "(root)" : keyPath
    }
}

/// Collects the problems and warnings found while one config is read.
///
/// A class so that every `ConfigValue` of a document reports into the same lists; it lives for one
/// load on one thread and is never shared.
final class YAMLNodeReader {
    /// The config file as the user named it, for messages.
    let file: String
    let environment: [String: String]
    /// Environment variables that hold API keys; `${…}` may not name them.
    let secrets: Set<String>
    private(set) var problems: [ConfigProblem] = []
    private(set) var warnings: [ConfigProblem] = []

    init(file: String, environment: [String: String], secrets: Set<String>) {
        self.file = file
        self.environment = environment
        self.secrets = secrets
    }

    /// Records something that makes the config unusable.
    func report(_ message: String, at place: ConfigPlace) {
        problems.append(problem(message, at: place))
    }

    /// Records something worth a look that does not stop the sweep.
    func warn(_ message: String, at place: ConfigPlace) {
        warnings.append(problem(message, at: place))
    }

    /// The document's top-level value.
    func root(_ node: Node) -> ConfigValue {
        ConfigValue(node: node, keyPath: "", keyMark: nil, reader: self)
    }

    private func problem(_ message: String, at place: ConfigPlace) -> ConfigProblem {
        ConfigProblem(file: file, line: place.line, column: place.column, keyPath: place.keyPath, message: message)
    }
}

/// Key-path spelling: `pipeline.steps`, `grid.modes[2]`, `endpoints.openrouter.prices["qwen/qwen3-8b"]`.
enum ConfigKeyPath {
    static func appending(key: String, to parent: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy(isPlainKeyCharacter)
        if !plain { return "\(parent)[\"\(key)\"]" }
        return parent.isEmpty ? key : "\(parent).\(key)"
    }

    private static func isPlainKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "-" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || ("0"..."9").contains(scalar)
    }

    static func appending(index: Int, to parent: String) -> String {
        "\(parent)[\(index)]"
    }
}
