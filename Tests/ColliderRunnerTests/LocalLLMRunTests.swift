import ColliderCore
import ColliderRunner
import ColliderTesting
import Foundation
import Testing

/// The shipped `configs/local-llm.yaml` run end to end by `collider run --task` against the
/// llama.cpp server `make test` starts (`COLLIDER_LLM_URL`; its key, when the server has one, in
/// `COLLIDER_LLM_API_KEY`). Skipped without a server; `COLLIDER_REQUIRE_LLM=1` makes that a failure.
@Suite(
    .enabled(if: LocalLLM.shouldRun, "no llama.cpp server: COLLIDER_LLM_URL is unset"),
    .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct LocalLLMRunTests {
    /// The package root, two folders above this file's.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    // A loaded machine slows the 135M model a hundredfold; an idle one takes a minute or two.
    @Test(.timeLimit(.minutes(30)))
    func tinyTaskCompletesThroughTheWholePipeline() async throws {
        let url = try #require(LocalLLM.url, "COLLIDER_REQUIRE_LLM=1 but COLLIDER_LLM_URL is unset")
        let folder = FileManager.default.temporaryDirectory.appending(path: "collider-llm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The shipped config, its data set found from the copy, and the server's key when it has one.
        var yaml = try String(contentsOf: Self.root.appending(path: "configs/local-llm.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "path: ../data/", with: "path: \(Self.root.path)/data/")
        if LocalLLM.key != nil {
            yaml = yaml.replacingOccurrences(of: "    kind: openai\n", with: "    kind: openai\n    api_key_env: COLLIDER_LLM_API_KEY\n")
        }
        let config = folder.appending(path: "local-llm.yaml")
        try Data(yaml.utf8).write(to: config)
        let loaded = try ConfigLoader.load(path: config.path, environment: ["COLLIDER_LLM_URL": url], purpose: .dryRun)
        let sweep = try SweepContext(config: loaded.config)
        let task = try #require(sweep.tasks.first)
        let results = folder.appending(path: "results")

        let (status, stdout, stderr) = try await ColliderProcess.run(
            ["run", config.path, "--task", String(task.id.prefix(12)), "--results", results.path], timeout: .seconds(1_500))
        let output = stdout + stderr
        #expect(status == 0, "\(output)")
        #expect(TaskRecords.isDone(results: results, taskID: task.id), "\(output)")
        let runFolder = TaskRecords.directory(results: results, taskID: task.id)
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: runFolder.appending(path: "summary.json"))) as? [String: Any])
        let calls = try #require(summary["calls"] as? [String: Int])
        // CCC, one step, B 2, two test passes of 4 items, no JSON re-sampling.
        #expect(calls["task"] == 2 + 2 * 4 && calls["loss"] == 2 && calls["gradient"] == 2)
        #expect((1...2).contains(calls["optimizer"] ?? 0))
        for step in [0, 1] {
            let text = try String(contentsOf: runFolder.appending(path: "eval_step_\(step).jsonl"), encoding: .utf8)
            let items = try text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(items.count == 4)
            // The schema in the config holds the replies to JSON, so the scores reach the metrics.
            let predictions = items.compactMap { $0["pred"] as? [String: Any] }.flatMap { $0.values.compactMap { $0 as? NSNumber } }
            #expect(!predictions.isEmpty, "no test item of step \(step) parsed: \(text)")
        }
    }
}

/// Where the llama.cpp server is, from the environment `make test` sets.
enum LocalLLM {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["COLLIDER_LLM_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let key = environment["COLLIDER_LLM_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
    static let shouldRun = url != nil || environment["COLLIDER_REQUIRE_LLM"] == "1"
}
