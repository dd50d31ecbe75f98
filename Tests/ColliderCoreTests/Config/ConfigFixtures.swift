import Foundation

@testable import ColliderCore

/// A complete, valid sweep config and helpers to break it one place at a time. Line numbers in
/// the tests refer to this text, so keep its lines where they are.
enum ConfigFixtures {
    static let file = "/tmp/sweeps/paper.yaml"
    static let apiKey = "sk-or-v1-0123456789abcdef-SECRET"
    static let environment = ["OPENROUTER_API_KEY": apiKey, "HOME": "/home/researcher"]

    static let valid = """
        name: paper-qwen3
        dataset:
          path: ../data/summeval.jsonl
          inputs:
            - {label: Source, field: text}
            - {label: Summary, field: machine_summary}
          criteria: [coherence, consistency, fluency, relevance]
          directive: Evaluate the summary.
          split: {train: 160, test: 1440}
        pipeline:
          steps: 12
          batch_size: 3
          validation_size: 100
        grid:
          backbones: [qwen3]
          modes: [single, SSS, SSC, SCC, CCC]
          gates: [mae, none]
          seeds: [1, 2, 3]
        backbones:
          qwen3:
            task: {endpoint: openrouter, model: qwen/qwen3-8b, prompt_suffix: "\\n/no_think"}
            loss: {endpoint: openrouter, model: qwen/qwen3-235b-a22b-2507}
            gradient: {endpoint: openrouter, model: qwen/qwen3-235b-a22b-2507}
            optimizer: {endpoint: openrouter, model: qwen/qwen3-235b-a22b-2507}
        endpoints:
          openrouter:
            kind: openai
            base_url: https://openrouter.ai/api/v1
            api_key_env: OPENROUTER_API_KEY
            prices:
              qwen/qwen3-8b: {input: 0.035, output: 0.138}
              qwen/qwen3-235b-a22b-2507: {input: 0.078, cached_input: 0.039, output: 0.312}

        """

    /// The valid config with `old` (which must occur exactly once) replaced by `new`.
    static func valid(replacing old: String, with new: String) -> String {
        precondition(valid.components(separatedBy: old).count == 2, "fixture text \(old) must occur once")
        return valid.replacingOccurrences(of: old, with: new)
    }

    /// The valid config with `lines` appended (they start at line 33).
    static func valid(appending lines: String) -> String {
        valid + lines + "\n"
    }

    static func load(
        _ yaml: String, environment: [String: String] = environment, purpose: ConfigPurpose = .sendsRequests
    ) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.load(yaml: yaml, file: file, environment: environment, purpose: purpose)
    }

    /// The problems of a config that must not load.
    static func problems(
        _ yaml: String, environment: [String: String] = environment, purpose: ConfigPurpose = .sendsRequests
    ) -> [String] {
        do {
            _ = try load(yaml, environment: environment, purpose: purpose)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
