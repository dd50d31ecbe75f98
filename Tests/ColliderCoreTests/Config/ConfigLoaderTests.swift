import Foundation
import Testing

@testable import ColliderCore

struct ConfigLoaderTests {
    @Test func validConfigLoadsWithDefaults() throws {
        let loaded = try ConfigFixtures.load(ConfigFixtures.valid)
        let config = loaded.config
        #expect(loaded.path == "/tmp/sweeps/paper.yaml")
        #expect(loaded.baseDirectory == "/tmp/sweeps")
        #expect(loaded.warnings.isEmpty)
        #expect(config.name == "paper-qwen3")

        let dataset = config.dataset
        #expect(dataset.path == "/tmp/data/summeval.jsonl")
        #expect(dataset.format == .jsonl)
        #expect(
            dataset.inputs == [
                InputField(label: "Source", field: "text"), InputField(label: "Summary", field: "machine_summary"),
            ])
        #expect(dataset.criteria == ["coherence", "consistency", "fluency", "relevance"])
        #expect(dataset.scale == Scale(min: 1, max: 5))
        #expect(dataset.initialInstructions.count == 4)
        #expect(dataset.initialInstructions.values.allSatisfy { $0 == "Rate from 1 to 5." })
        #expect(dataset.directive == "Evaluate the summary.")
        #expect(dataset.split == SplitConfig(seed: 42, train: 160, test: 1440))
        #expect(dataset.onBadRow == .error)

        #expect(
            config.pipeline
                == PipelineConfig(
                    steps: 12, batchSize: 3, validationSize: 100, evalEvery: 1, evalInitial: true,
                    evalFirstStep: true, evalLastStep: true, jsonAttempts: 5, optimizerAttempts: 5))
        #expect(
            config.grid
                == GridConfig(
                    backbones: ["qwen3"], modes: [.single, .SSS, .SSC, .SCC, .CCC], gates: [.mae, .none],
                    seeds: [1, 2, 3]))
        #expect(config.analyses == AnalysesConfig())
        #expect(config.judge == nil)
        #expect(config.budget == BudgetConfig())
        #expect(config.compat == CompatSwitches())

        let qwen3 = try #require(config.backbones["qwen3"])
        #expect(
            qwen3.task
                == RoleConfig(
                    endpoint: "openrouter", model: "qwen/qwen3-8b", temperature: 0.1, maxTokens: 256,
                    promptSuffix: "\n/no_think", extraBody: [:], timeoutSeconds: 60))
        #expect([qwen3.loss.temperature, qwen3.gradient.temperature, qwen3.optimizer.temperature] == [0.3, 0.3, 0.7])
        #expect(
            [qwen3.loss.maxTokens, qwen3.gradient.maxTokens, qwen3.optimizer.maxTokens] == [1024, 8192, 16384] as [Int])
        #expect([qwen3.loss.timeoutSeconds, qwen3.gradient.timeoutSeconds] == [60, 600])

        let endpoint = try #require(config.endpoints["openrouter"])
        #expect(endpoint.kind == .openai)
        #expect(endpoint.baseURL == "https://openrouter.ai/api/v1")
        #expect(endpoint.apiKeyEnv == "OPENROUTER_API_KEY")
        #expect(
            [endpoint.requestsPerMinute, endpoint.tokensPerMinute, endpoint.maxConcurrency] == [60, 1_000_000, 10]
                as [Int])
        #expect(endpoint.prices["qwen/qwen3-8b"] == Price(input: 0.035, cachedInput: 0.035, output: 0.138))
        #expect(endpoint.prices["qwen/qwen3-235b-a22b-2507"] == Price(input: 0.078, cachedInput: 0.039, output: 0.312))
    }

    @Test func everyOptionalKeyIsRead() throws {
        let yaml =
            ConfigFixtures.valid(
                replacing: "  split: {train: 160, test: 1440}\n",
                with: """
                      split: {seed: 7, train: 160, test: 1440}
                      format: jsonl
                      scale: {min: 0, max: 10}
                      initial_instruction: Score it between {min} and {max}.
                      initial_instructions: {fluency: "Fluency, {min}-{max}."}
                      on_bad_row: skip

                    """
            ).replacingOccurrences(
                of: "  validation_size: 100\n",
                with: """
                      validation_size: 100
                      eval_every: 3
                      eval_initial: false
                      eval_first_step: no
                      eval_last_step: true
                      json_attempts: 2
                      optimizer_attempts: 1_000

                    """
            ) + """
                analyses: {cherry_pick: true, gradient_specificity: true, feedback_adherence: true}
                judge:
                  endpoint: local
                  model: judge-model
                  extra_body: {thinking: {type: disabled}, top_k: 20, min_p: 0.5, seed: null, logprobs: false, tag: "20", stop: [a, 1]}
                budget: {max_usd: 25.5}
                compat: {released_temperatures: true, dedupe_combined_gradients: true}
                """
        let withLocal = yaml.replacingOccurrences(
            of: "endpoints:\n",
            with: """
                endpoints:
                  local:
                    kind: sim
                    requests_per_minute: 600
                    tokens_per_minute: 50_000
                    max_concurrency: 4

                """)
        let config = try ConfigFixtures.load(withLocal).config

        #expect(config.dataset.split.seed == 7)
        #expect(config.dataset.scale == Scale(min: 0, max: 10))
        #expect(config.dataset.initialInstructions["coherence"] == "Score it between 0 and 10.")
        #expect(config.dataset.initialInstructions["fluency"] == "Fluency, 0-10.")
        #expect(config.dataset.onBadRow == .skip)
        #expect(
            config.pipeline
                == PipelineConfig(
                    steps: 12, batchSize: 3, validationSize: 100, evalEvery: 3, evalInitial: false,
                    evalFirstStep: false, evalLastStep: true, jsonAttempts: 2, optimizerAttempts: 1000))
        #expect(config.analyses == AnalysesConfig(cherryPick: true, gradientSpecificity: true, feedbackAdherence: true))
        #expect(config.budget.maxUSD == 25.5)
        #expect(config.compat.releasedTemperatures && config.compat.dedupeCombinedGradients)
        #expect(!config.compat.noJSONResampling)

        let qwen3 = try #require(config.backbones["qwen3"])
        #expect([qwen3.task, qwen3.loss, qwen3.gradient, qwen3.optimizer].map(\.temperature) == [0.1, 0.7, 0.7, 0.7])

        let judge = try #require(config.judge)
        #expect([judge.temperature, Double(judge.maxTokens), judge.timeoutSeconds] == [0, 10, 60])
        #expect(
            judge.extraBody == [
                "thinking": .object(["type": .string("disabled")]), "top_k": .int(20), "min_p": .double(0.5),
                "seed": .null, "logprobs": .bool(false), "tag": .string("20"), "stop": .array([.string("a"), .int(1)]),
            ])
        let local = try #require(config.endpoints["local"])
        #expect(local.kind == .sim && local.baseURL == nil && local.apiKeyEnv == nil)
        #expect([local.requestsPerMinute, local.tokensPerMinute, local.maxConcurrency] == [600, 50_000, 4] as [Int])
    }

    @Test func interpolatesEveryStringAndResolvesPathsAtTheConfigFolder() throws {
        let yaml = ConfigFixtures.valid(
            replacing: "path: ../data/summeval.jsonl", with: "path: ${DATA:-~/data}/summeval.jsonl"
        )
        .replacingOccurrences(of: "steps: 12", with: "steps: \"${STEPS}\"")
        .replacingOccurrences(of: "directive: Evaluate the summary.", with: "directive: Costs $$5 ${UNIT:-}")
        let environment = ConfigFixtures.environment.merging(["STEPS": "4", "UNIT": ""]) { $1 }
        let config = try ConfigFixtures.load(yaml, environment: environment).config
        #expect(config.dataset.path == "/home/researcher/data/summeval.jsonl")
        #expect(config.pipeline.steps == 4)
        #expect(config.dataset.directive == "Costs $5 ")

        let relative = try ConfigLoader.load(
            yaml: ConfigFixtures.valid, file: "sweeps/../paper.yaml", environment: ConfigFixtures.environment,
            purpose: .dryRun)
        let cwd = FileManager.default.currentDirectoryPath
        #expect(relative.path == URL(fileURLWithPath: cwd).appendingPathComponent("paper.yaml").path)
        #expect(
            relative.config.dataset.path
                == URL(fileURLWithPath: cwd).deletingLastPathComponent().appendingPathComponent("data/summeval.jsonl")
                .path)
    }

    @Test func missingPriceIsAWarning() throws {
        let yaml = ConfigFixtures.valid(replacing: "      qwen/qwen3-8b: {input: 0.035, output: 0.138}\n", with: "")
        let loaded = try ConfigFixtures.load(yaml)
        #expect(
            loaded.warnings.map(\.description) == [
                #"/tmp/sweeps/paper.yaml:21:41: backbones.qwen3.task.model: no price for model "qwen/qwen3-8b" on endpoint "openrouter"; costs will be counted as $0 (add it under endpoints.openrouter.prices)"#
            ])
    }

    @Test func missingAPIKeyIsAWarningOnADryRunAndAProblemWhenSending() throws {
        let message =
            "/tmp/sweeps/paper.yaml:29:18: endpoints.openrouter.api_key_env: environment variable OPENROUTER_API_KEY is not set; export it with the endpoint's API key"
        let dryRun = try ConfigFixtures.load(ConfigFixtures.valid, environment: [:], purpose: .dryRun)
        #expect(dryRun.warnings.map(\.description) == [message])
        #expect(ConfigFixtures.problems(ConfigFixtures.valid, environment: [:], purpose: .sendsRequests) == [message])
        #expect(
            ConfigFixtures.problems(ConfigFixtures.valid, environment: ["OPENROUTER_API_KEY": ""]) == [
                message.replacingOccurrences(of: "is not set", with: "is empty")
            ])
    }

    @Test func unusedEndpointsNeedNoKeyAndNoPrices() throws {
        let yaml = ConfigFixtures.valid(
            appending: """
                  spare:
                    kind: openai
                    base_url: http://localhost:8080/v1
                    api_key_env: SPARE_KEY
                """)
        let loaded = try ConfigFixtures.load(yaml)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.config.endpoints["spare"]?.baseURL == "http://localhost:8080/v1")
    }

    @Test func readsAFileFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "collider-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sweep.yaml")
        try ConfigFixtures.valid.write(to: file, atomically: true, encoding: .utf8)

        let loaded = try ConfigLoader.load(
            path: file.path, environment: ConfigFixtures.environment, purpose: .sendsRequests)
        #expect(
            loaded.config.dataset.path
                == folder.deletingLastPathComponent().appendingPathComponent("data/summeval.jsonl").standardizedFileURL
                .path)

        let missing = folder.appendingPathComponent("nope.yaml").path
        #expect(throws: ConfigError.self) {
            try ConfigLoader.load(path: missing, environment: [:], purpose: .dryRun)
        }
        do {
            _ = try ConfigLoader.load(path: missing, environment: [:], purpose: .dryRun)
        } catch {
            #expect(error.description == "\(missing):1:1: (file): no such config file; check the path")
        }
    }
}
