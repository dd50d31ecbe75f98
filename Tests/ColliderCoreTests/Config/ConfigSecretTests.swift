import Foundation
import Testing

@testable import ColliderCore

/// The API key's value must never reach the config, a message or a warning.
struct ConfigSecretTests {
    static let key = ConfigFixtures.apiKey

    @Test func keyNeverAppearsInTheLoadedConfigOrWarnings() throws {
        let yaml = ConfigFixtures.valid(replacing: "      qwen/qwen3-8b: {input: 0.035, output: 0.138}\n", with: "")
        let loaded = try ConfigFixtures.load(yaml, purpose: .dryRun)
        let encoded = String(decoding: try JSONEncoder().encode(loaded.config), as: UTF8.self)
        #expect(!encoded.contains(Self.key))
        #expect(!loaded.warnings.isEmpty)
        #expect(!loaded.warnings.map(\.description).joined().contains(Self.key))
    }

    @Test func keyCannotBeInterpolatedAndIsNeverEchoed() {
        let yaml = ConfigFixtures.valid(replacing: "model: qwen/qwen3-8b,", with: "model: \"${OPENROUTER_API_KEY}\",")
            .replacingOccurrences(of: "steps: 12", with: "steps: ${OPENROUTER_API_KEY}")
            .replacingOccurrences(
                of: "directive: Evaluate the summary.", with: "directive: \"key=${OPENROUTER_API_KEY:-none}\"")
        let problems = ConfigFixtures.problems(yaml)
        #expect(
            problems == [
                "/tmp/sweeps/paper.yaml:8:14: dataset.directive: ${OPENROUTER_API_KEY} holds an API key and may not be interpolated; collider reads it through api_key_env when it sends requests",
                "/tmp/sweeps/paper.yaml:11:10: pipeline.steps: ${OPENROUTER_API_KEY} holds an API key and may not be interpolated; collider reads it through api_key_env when it sends requests",
                "/tmp/sweeps/paper.yaml:21:41: backbones.qwen3.task.model: ${OPENROUTER_API_KEY} holds an API key and may not be interpolated; collider reads it through api_key_env when it sends requests",
            ])
        #expect(!problems.joined().contains(Self.key))
    }

    @Test func keyPastedInPlaceOfTheVariableNameIsNotEchoed() {
        let yaml = ConfigFixtures.valid(
            replacing: "api_key_env: OPENROUTER_API_KEY", with: "api_key_env: \(Self.key)")
        let problems = ConfigFixtures.problems(yaml)
        #expect(
            problems == [
                #"/tmp/sweeps/paper.yaml:29:18: endpoints.openrouter.api_key_env: expected the NAME of an environment variable (letters, digits and "_"), not the key itself; e.g. api_key_env: OPENROUTER_API_KEY"#
            ])
        #expect(!problems.joined().contains(Self.key))
    }
}
