import Testing

@testable import ColliderCore

/// A config that must not load and the exact problems it must report.
struct BrokenConfig: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var environment = ConfigFixtures.environment
    var problems: [String]

    var testDescription: String { name }

    init(
        _ name: String, _ yaml: String, environment: [String: String] = ConfigFixtures.environment, _ problems: [String]
    ) {
        self.name = name
        self.yaml = yaml
        self.environment = environment
        self.problems = problems.map { "/tmp/sweeps/paper.yaml:" + $0 }
    }
}

struct ConfigProblemTests {
    static let broken: [BrokenConfig] = [
        BrokenConfig(
            "unknown top-level key", ConfigFixtures.valid(appending: "judg: {endpoint: openrouter, model: m}"),
            [#"33:1: judg: unknown key "judg"; did you mean "judge"?"#]),
        BrokenConfig(
            "unknown top-level key without a near match", ConfigFixtures.valid(appending: "owner: me"),
            [
                #"33:1: owner: unknown key "owner"; expected one of name, dataset, pipeline, grid, analyses, backbones, judge, endpoints, budget, compat"#
            ]),
        BrokenConfig(
            "unknown nested key", ConfigFixtures.valid(replacing: "  steps: 12", with: "  stepz: 12"),
            [
                #"10:1: pipeline.steps: required key "steps" is missing; add it under pipeline"#,
                #"11:3: pipeline.stepz: unknown key "stepz"; did you mean "steps"?"#,
            ]),
        BrokenConfig(
            "string for an integer", ConfigFixtures.valid(replacing: "steps: 12", with: "steps: twelve"),
            [#"11:10: pipeline.steps: expected an integer, got "twelve""#]),
        BrokenConfig(
            "negative steps", ConfigFixtures.valid(replacing: "steps: 12", with: "steps: -3"),
            ["11:10: pipeline.steps: expected an integer ≥ 1, got -3"]),
        BrokenConfig(
            "unknown mode", ConfigFixtures.valid(replacing: "SCC, CCC]", with: "SCC, SSX]"),
            ["16:34: grid.modes[4]: unknown mode \"SSX\"; expected one of single, SSS, SSC, SCC, CCC"]),
        BrokenConfig(
            "unknown gate", ConfigFixtures.valid(replacing: "[mae, none]", with: "[mae, nonee]"),
            [#"17:16: grid.gates[1]: unknown gate "nonee"; expected one of none, mae, off_by_one, spearman"#]),
        BrokenConfig(
            "scalar for a list",
            ConfigFixtures.valid(replacing: "modes: [single, SSS, SSC, SCC, CCC]", with: "modes: SSS"),
            [#"16:10: grid.modes: expected a list, got "SSS"; write it as [SSS]"#]),
        BrokenConfig(
            "role endpoint undefined",
            ConfigFixtures.valid(replacing: "loss: {endpoint: openrouter", with: "loss: {endpoint: openroutr"),
            [
                #"22:22: backbones.qwen3.loss.endpoint: endpoint "openroutr" is not defined under endpoints; defined: openrouter"#
            ]),
        BrokenConfig(
            "grid backbone undefined",
            ConfigFixtures.valid(replacing: "backbones: [qwen3]", with: "backbones: [qwen4]"),
            [#"15:15: grid.backbones[0]: backbone "qwen4" is not defined under backbones; defined: qwen3"#]),
        BrokenConfig(
            "empty grid axis", ConfigFixtures.valid(replacing: "seeds: [1, 2, 3]", with: "seeds: []"),
            ["18:10: grid.seeds: empty list; list at least one seed"]),
        BrokenConfig(
            "duplicate seed", ConfigFixtures.valid(replacing: "seeds: [1, 2, 3]", with: "seeds: [1, 2, 1]"),
            ["18:17: grid.seeds[2]: duplicate seed 1; list each seed once"]),
        BrokenConfig(
            "duplicate criterion",
            ConfigFixtures.valid(replacing: "[coherence, consistency,", with: "[coherence, coherence,"),
            [#"7:25: dataset.criteria[1]: duplicate criterion "coherence"; list each criterion once"#]),
        BrokenConfig(
            "missing required key", ConfigFixtures.valid(replacing: "  batch_size: 3\n", with: ""),
            [#"10:1: pipeline.batch_size: required key "batch_size" is missing; add it under pipeline"#]),
        BrokenConfig(
            "required key without a value",
            ConfigFixtures.valid(replacing: "  directive: Evaluate the summary.", with: "  directive:"),
            [#"8:3: dataset.directive: required key "directive" has no value; give it one"#]),
        BrokenConfig(
            "YAML syntax error", ConfigFixtures.valid(replacing: "  steps: 12", with: "  steps: [12"),
            ["12:13: (syntax): invalid YAML: did not find expected ',' or ']'; check the indentation and quoting here"]),
        BrokenConfig(
            // libyaml places this one past the last line; found by fuzzing (docs/fuzzing.md).
            "YAML syntax error at the end of the file", "name: x\ngrid:\n  modes: [SSS, CCC\n",
            ["4:1: (syntax): invalid YAML: did not find expected ',' or ']'; check the indentation and quoting here"]),
        BrokenConfig(
            "duplicate YAML key", ConfigFixtures.valid(replacing: "  steps: 12", with: "  steps: 12\n  steps: 13"),
            [#"11:3: (syntax): duplicate key "steps" in one mapping; keep only one"#]),
        BrokenConfig(
            "scale min not below max",
            ConfigFixtures.valid(replacing: "  directive:", with: "  scale: {min: 5, max: 5}\n  directive:"),
            [
                "8:10: dataset.scale: min (5) must be less than max (5); a scale needs at least two values, e.g. min: 1, max: 5"
            ]),
        BrokenConfig(
            "validation set larger than the training split",
            ConfigFixtures.valid(replacing: "validation_size: 100", with: "validation_size: 200"),
            [
                "13:20: pipeline.validation_size: 200 is more than dataset.split.train (160); the validation set is drawn from the training split, so use at most 160"
            ]),
        BrokenConfig(
            "bad on_bad_row",
            ConfigFixtures.valid(replacing: "  directive:", with: "  on_bad_row: ignore\n  directive:"),
            [#"8:15: dataset.on_bad_row: unknown on_bad_row policy "ignore"; expected one of error, skip"#]),
        BrokenConfig(
            "undefined variable", ConfigFixtures.valid(replacing: "path: ../data", with: "path: ${DATA_DIR}"),
            [
                "3:9: dataset.path: environment variable DATA_DIR is not set; export it or give a default with ${DATA_DIR:-value}"
            ]),
        BrokenConfig(
            "base_url without scheme",
            ConfigFixtures.valid(replacing: "base_url: https://openrouter.ai", with: "base_url: openrouter.ai"),
            [
                #"28:15: endpoints.openrouter.base_url: base_url "openrouter.ai/api/v1" must start with http:// or https://; write it as https://openrouter.ai/api/v1"#
            ]),
        BrokenConfig(
            "missing API key when sending requests", ConfigFixtures.valid, environment: [:],
            [
                "29:18: endpoints.openrouter.api_key_env: environment variable OPENROUTER_API_KEY is not set; export it with the endpoint's API key"
            ]),
        BrokenConfig(
            "judge missing while a diagnostic is on",
            ConfigFixtures.valid(appending: "analyses: {gradient_specificity: true}"),
            [
                "33:1: judge: required because analyses.gradient_specificity is on; add a judge role (endpoint, model) or turn the diagnostic off"
            ]),
        BrokenConfig(
            "bad compat key", ConfigFixtures.valid(appending: "compat: {released_temperature: true}"),
            [
                #"33:10: compat.released_temperature: unknown key "released_temperature"; did you mean "released_temperatures"?"#
            ]),
        BrokenConfig(
            "compat switch not a boolean", ConfigFixtures.valid(appending: "compat: {no_json_resampling: sometimes}"),
            [#"33:30: compat.no_json_resampling: expected true or false, got "sometimes""#]),
        BrokenConfig(
            "name that cannot be a folder",
            ConfigFixtures.valid(replacing: "name: paper-qwen3", with: "name: paper qwen3"),
            [#"1:7: name: "paper qwen3" cannot name the results folder; use only letters, digits, ".", "_" and "-""#]),
        BrokenConfig(
            "temperature out of range",
            ConfigFixtures.valid(replacing: "model: qwen/qwen3-8b,", with: "model: qwen/qwen3-8b, temperature: 2.5,"),
            ["21:69: backbones.qwen3.task.temperature: expected a number from 0 to 2, got 2.5"]),
        BrokenConfig(
            "initial instruction for an unknown criterion",
            ConfigFixtures.valid(
                replacing: "  directive:", with: "  initial_instructions: {fluenci: Rate it.}\n  directive:"),
            [
                #"8:26: dataset.initial_instructions.fluenci: "fluenci" is not one of dataset.criteria; did you mean "fluency"? criteria: coherence, consistency, fluency, relevance"#
            ]),
        BrokenConfig(
            "price with a negative number",
            ConfigFixtures.valid(replacing: "{input: 0.035, output: 0.138}", with: "{input: -1, output: 0.138}"),
            [#"31:30: endpoints.openrouter.prices["qwen/qwen3-8b"].input: expected a number ≥ 0, got -1"#]),
        BrokenConfig(
            "a backbone without all four roles",
            ConfigFixtures.valid(
                replacing: "    optimizer: {endpoint: openrouter, model: qwen/qwen3-235b-a22b-2507}\n", with: ""),
            [#"20:3: backbones.qwen3.optimizer: required key "optimizer" is missing; add it under backbones.qwen3"#]),
        BrokenConfig(
            "not a mapping at all", "just a line of text\n",
            [#"1:1: (root): expected a mapping of keys to values, got "just a line of text""#]),
    ]

    @Test(arguments: broken)
    func reportsExactProblems(_ config: BrokenConfig) {
        #expect(ConfigFixtures.problems(config.yaml, environment: config.environment) == config.problems)
    }

    @Test func reportsEveryProblemAtOnceInFileOrder() {
        let yaml = ConfigFixtures.valid(appending: "compat: {released_temperatur: yes}")
            .replacingOccurrences(of: "seeds: [1, 2, 3]", with: "seeds: [1, 1, x]")
            .replacingOccurrences(of: "name: paper-qwen3", with: "nme: paper-qwen3")
            .replacingOccurrences(of: "batch_size: 3", with: "batch_size: 0")
            .replacingOccurrences(of: "kind: openai", with: "kind: azure")
        #expect(
            ConfigFixtures.problems(yaml) == [
                #"/tmp/sweeps/paper.yaml:1:1: nme: unknown key "nme"; did you mean "name"?"#,
                #"/tmp/sweeps/paper.yaml:1:1: name: required key "name" is missing; add it at the top level"#,
                "/tmp/sweeps/paper.yaml:12:15: pipeline.batch_size: expected an integer ≥ 1, got 0",
                "/tmp/sweeps/paper.yaml:18:14: grid.seeds[1]: duplicate seed 1; list each seed once",
                #"/tmp/sweeps/paper.yaml:18:17: grid.seeds[2]: expected an integer, got "x""#,
                #"/tmp/sweeps/paper.yaml:27:11: endpoints.openrouter.kind: unknown endpoint kind "azure"; expected one of openai, sim"#,
                #"/tmp/sweeps/paper.yaml:33:10: compat.released_temperatur: unknown key "released_temperatur"; did you mean "released_temperatures"?"#,
            ])
    }

    @Test func errorDescriptionListsOneProblemPerLine() {
        let error = ConfigError(problems: [
            ConfigProblem(file: "a.yaml", line: 9, column: 2, keyPath: "grid", message: "second"),
            ConfigProblem(file: "a.yaml", line: 3, column: 5, keyPath: "name", message: "first"),
        ])
        #expect(error.description == "a.yaml:3:5: name: first\na.yaml:9:2: grid: second")
    }
}
