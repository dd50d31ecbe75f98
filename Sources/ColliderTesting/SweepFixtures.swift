import ColliderCore
import Foundation
import Logging

/// A tiny sweep on the simulated provider and a synthetic data set, in a fresh temporary folder.
public struct SweepFixtures {
    /// The temporary folder holding everything.
    public let folder: URL
    /// The config file.
    public let configPath: String
    /// The results folder (`folder/results`), not created.
    public var results: URL { folder.appending(path: "results") }

    /// Writes 32 synthetic rows and a config with `steps` steps, small splits, `modes` runs (one
    /// seed, gate `mae`) and, when the modes include `single`, cherry-pick.
    /// With `diagnostics`, both LLM-judged diagnostics run too.
    public init(steps: Int = 1, modes: String = "single, CCC", diagnostics: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "collider-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = SyntheticDataset.generate(rows: 32, seed: 3).joined(separator: "\n") + "\n"
        try Data(rows.utf8).write(to: folder.appending(path: "data.jsonl"))
        configPath = folder.appending(path: "tiny.yaml").path
        let yaml = Self.yaml.replacingOccurrences(of: "steps: 1", with: "steps: \(steps)")
            .replacingOccurrences(of: "modes: [single, CCC]", with: "modes: [\(modes)]")
            + (diagnostics ? Self.diagnostics : "analyses: {cherry_pick: true}\n")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    static let yaml = """
        name: tiny
        dataset:
          path: data.jsonl
          inputs:
            - {label: Summary, field: summary}
            - {label: Source Text, field: source}
          criteria: [fluency, relevance, coherence, consistency]
          scale: {min: 1, max: 5}
          directive: Evaluate the Summary given the Source Text.
          split: {seed: 1, train: 10, test: 8}
        pipeline:
          steps: 1
          batch_size: 2
          validation_size: 4
          eval_every: 1
        grid:
          backbones: [sim]
          modes: [single, CCC]
          gates: [mae]
          seeds: [1]
        backbones:
          sim:
            task: {endpoint: sim, model: sim-task}
            loss: {endpoint: sim, model: sim-large}
            gradient: {endpoint: sim, model: sim-large}
            optimizer: {endpoint: sim, model: sim-large}
        endpoints:
          sim:
            kind: sim
            requests_per_minute: 600000
            tokens_per_minute: 1000000000
            max_concurrency: 16
            prices:
              sim-task: {input: 0.05, output: 0.2}
              sim-large: {input: 0.2, output: 0.8}

        """

    static let diagnostics = """
        judge: {endpoint: sim, model: sim-large}
        analyses: {cherry_pick: true, gradient_specificity: true, feedback_adherence: true}

        """

    /// The config, loaded as `collider` loads it.
    public func config() throws -> SweepConfig {
        try ConfigLoader.load(path: configPath, environment: [:], purpose: .sendsRequests).config
    }

    /// A logger for tests: warnings and worse.
    public static var logger: Logger {
        var logger = Logger(label: "test.runner")
        logger.logLevel = .warning
        return logger
    }

    /// Rewrites the config so that its `sim` endpoint is an OpenAI-compatible server at `baseURL`
    /// (a simulated provider the test started itself, with the options it needs).
    public func pointEndpoints(at baseURL: String) throws {
        let yaml = try String(contentsOfFile: configPath, encoding: .utf8)
            .replacingOccurrences(of: "kind: sim\n", with: "kind: openai\n    base_url: \(baseURL)\n")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// Deletes the folder.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
