import Foundation

/// `results/<name>/sweep.json`: the effective config a sweep ran with, so `resume` can reload it.
public enum EffectiveConfig {
    /// The file's name in the results folder.
    public static let fileName = "sweep.json"

    /// Writes `config` to `results/sweep.json`, creating the folder.
    public static func write(_ config: SweepConfig, results: URL) throws {
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(config).write(to: results.appending(path: fileName), options: .atomic)
    }

    /// The config written by `write` in `results`.
    public static func read(results: URL) throws -> SweepConfig {
        try JSONDecoder().decode(SweepConfig.self, from: Data(contentsOf: results.appending(path: fileName)))
    }
}
