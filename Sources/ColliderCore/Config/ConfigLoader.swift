import Foundation
import Yams

/// Reads a sweep config from YAML, checks it against the schema in `docs/config.md`, and fills in
/// the defaults.
///
/// Every problem in the file is reported at once, each with its file, line, column and key path,
/// and a message that says how to fix it.
public enum ConfigLoader {
    /// Loads the config file at `path`.
    ///
    /// - Parameters:
    ///   - path: The config file; relative paths inside it are resolved against its folder.
    ///   - environment: Variables for `${VAR}` expansion and the API-key check, usually
    ///     `ProcessInfo.processInfo.environment`.
    ///   - purpose: Whether requests will be sent; a missing API key is then a problem, not a
    ///     warning.
    /// - Throws: `ConfigError` with every problem found.
    public static func load(
        path: String, environment: [String: String], purpose: ConfigPurpose
    ) throws(ConfigError) -> LoadedConfig {
        let yaml: String
        do {
            yaml = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason =
                FileManager.default.fileExists(atPath: path)
                ? "cannot read the config file (\(error.localizedDescription)); check its permissions and encoding"
                : "no such config file; check the path"
            throw ConfigError(problems: [
                ConfigProblem(file: path, line: 1, column: 1, keyPath: "(file)", message: reason)
            ])
        }
        return try load(yaml: yaml, file: path, environment: environment, purpose: purpose)
    }

    /// Loads a config from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: The document.
    ///   - file: The file it stands for: named in messages, and its folder resolves relative paths.
    ///   - environment: Variables for `${VAR}` expansion and the API-key check.
    ///   - purpose: Whether requests will be sent.
    /// - Throws: `ConfigError` with every problem found.
    public static func load(
        yaml: String, file: String, environment: [String: String], purpose: ConfigPurpose
    ) throws(ConfigError) -> LoadedConfig {
        let absolutePath = URL(fileURLWithPath: file).standardizedFileURL.path
        let root: Node
        do {
            root = try compose(yaml: yaml) ?? Node("", .implicit, .plain)
        } catch {
            throw ConfigError(problems: [syntaxProblem(error, yaml: yaml, file: file)])
        }
        let reader = YAMLNodeReader(
            file: file, environment: environment, secrets: apiKeyVariables(in: root, environment: environment))
        let context = LoadContext(
            purpose: purpose,
            configDirectory: URL(fileURLWithPath: absolutePath).deletingLastPathComponent(),
            home: environment["HOME"])
        let config = parseDocument(reader.root(root), context: context)
        guard let config, reader.problems.isEmpty else {
            throw ConfigError(problems: reader.problems)
        }
        return LoadedConfig(config: config, warnings: reader.warnings.sortedByPlace(), path: absolutePath)
    }

    /// The YAML parser's complaint as one problem at the parser's line and column.
    private static func syntaxProblem(_ error: any Error, yaml: String, file: String) -> ConfigProblem {
        let fix = "; check the indentation and quoting here"
        let (place, message): ((line: Int, column: Int)?, String) =
            switch error as? YamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                ((mark.line, mark.column), "invalid YAML: \(problem)\(fix)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                (
                    (context.mark.line, context.mark.column),
                    "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) in one mapping; keep only one"
                )
            case .reader(let problem, let offset, _, _):
                (
                    offset.map { lineAndColumn(ofOffset: $0, in: yaml) },
                    "unreadable text: \(problem); save the file as UTF-8"
                )
            default:
                (nil, "invalid YAML: \(error)\(fix)")
            }
        // libyaml places an error at the end of the stream one line past the text when the text
        // ends with a line break; such a place is moved to the text's end.
        let end = endPlace(of: yaml)
        let inText = place.map { $0.line > end.line ? end : $0 }
        return ConfigProblem(
            file: file, line: inText?.line ?? 1, column: inText?.column ?? 1, keyPath: "(syntax)", message: message)
    }

    /// The 1-based line and column just past the last character, counting lines as YAML does
    /// (`\r\n`, `\n`, `\r`, NEL, LS and PS each end one).
    private static func endPlace(of text: String) -> (line: Int, column: Int) {
        var place = (line: 1, column: 1)
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where afterCR: break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": place = (place.line + 1, 1)
            default: place.column += 1
            }
            afterCR = scalar == "\r"
        }
        return place
    }

    /// The 1-based line and column of the character at `offset`.
    private static func lineAndColumn(ofOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let prefix = text.prefix(offset)
        let lineStart = prefix.lastIndex(of: "\n").map(prefix.index(after:)) ?? prefix.startIndex
        return (prefix.count(where: { $0 == "\n" }) + 1, prefix[lineStart...].unicodeScalars.count + 1)
    }

    /// The variables named by the endpoints' `api_key_env`, read before anything else so that
    /// `${…}` can refuse them everywhere.
    private static func apiKeyVariables(in root: Node, environment: [String: String]) -> Set<String> {
        let names = root["endpoints"]?.mapping?.values.compactMap { endpoint -> String? in
            endpoint["api_key_env"]?.scalar.map {
                Interpolation.expand($0.string, environment: environment, secrets: []).text
            }
        }
        return Set(names.map(Array.init) ?? [])
    }
}

/// What the sections need to know besides the document.
struct LoadContext {
    var purpose: ConfigPurpose
    /// The folder relative paths are resolved against.
    var configDirectory: URL
    /// `$HOME`, for a leading `~/` in paths.
    var home: String?
}
