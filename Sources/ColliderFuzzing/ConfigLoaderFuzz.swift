import ColliderCore
import Foundation

/// The config loader's promises on any text: a config, or at least one problem, each at a place
/// (line and column) inside the text; a loaded config survives the JSON round trip through
/// `sweep.json` that `resume` depends on.
enum ConfigLoaderFuzz {
    static let file = "fuzz.yaml"

    static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let yaml = String(decoding: bytes, as: UTF8.self)
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader.load(yaml: yaml, file: file, environment: [:], purpose: .dryRun)
        } catch {
            guard !error.problems.isEmpty else { throw violation("a ConfigError without problems") }
            try checkPlaces(error.problems, in: yaml)
            return
        }
        try checkPlaces(loaded.warnings, in: yaml)
        try checkRoundTrip(loaded.config)
    }

    /// Every problem names the file and a line and column that exist (YAML's line breaks are
    /// `\n`, `\r`, NEL, LS and PS; a place just past the end is allowed).
    private static func checkPlaces(_ problems: [ConfigProblem], in yaml: String) throws(InvariantViolation) {
        let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
        let lines = yaml.unicodeScalars.count(where: breaks.contains) + 1
        let scalars = yaml.unicodeScalars.count
        for problem in problems {
            guard problem.file == file, (1...lines).contains(problem.line), (1...scalars + 1).contains(problem.column),
                !problem.keyPath.isEmpty, !problem.message.isEmpty
            else {
                throw violation("problem outside the text (\(lines) lines, \(scalars) scalars): \(problem)")
            }
        }
    }

    /// `EffectiveConfig` writes the config as JSON for `resume`; it must encode and read back equal.
    private static func checkRoundTrip(_ config: SweepConfig) throws(InvariantViolation) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(config)
        } catch {
            throw violation("a loaded config cannot be written as sweep.json: \(error)")
        }
        let decoded: SweepConfig
        do {
            decoded = try JSONDecoder().decode(SweepConfig.self, from: data)
        } catch {
            throw violation("sweep.json of a loaded config does not read back: \(error)")
        }
        guard decoded == config else {
            throw violation("sweep.json round trip changed the config: \(config) became \(decoded)")
        }
    }

    private static func violation(_ message: String) -> InvariantViolation {
        InvariantViolation(.configLoader, message)
    }
}
