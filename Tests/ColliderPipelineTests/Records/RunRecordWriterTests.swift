import ColliderCore
import ColliderPipeline
import ColliderTesting
import Foundation
import Testing

/// The files of issue 4, item 6, with the fields it names.
struct RunRecordWriterTests {
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appending(path: "collider-records-\(UUID().uuidString)")
    }

    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func writesSummaryStepsAndEvaluations() async throws {
        let results = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: results) }
        let spec = RunFixtures.spec(mode: .SSC, gate: .mae, steps: 2)
        let writer = try RunRecordWriter(results: results, taskID: spec.taskID)
        try await writer.prepare(resumingFrom: nil)
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request in
            request.role == .task && request.prompt.contains("Summary 13 of") ? "no idea" : nil
        }
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: writer).start()
        let folder = results.appending(path: "runs").appending(path: spec.taskID)

        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: "summary.json"))) as? [String: Any])
        #expect(summary["status"] as? String == "completed")
        #expect(summary["task"] as? String == spec.taskID)
        let calls = try #require(summary["calls"] as? [String: Int])
        #expect(Set(calls.keys) == ["task", "loss", "gradient", "optimizer", "judge"])
        #expect(calls["loss"] == 2 * 4 * 3)
        for key in ["config", "compat", "resamples", "failures", "tokens", "dollars", "wall_seconds"] {
            #expect(summary[key] != nil)
        }

        let steps = try Self.jsonLines(folder.appending(path: "steps.jsonl"))
        #expect(steps.map { $0["step"] as? Int } == [0, 1, 2])
        let step1 = steps[1]
        for key in ["minibatch", "predictions", "critiques", "gradients", "optimizer", "candidate", "instructions", "gate", "test", "test_avg"] {
            #expect(step1[key] != nil, "steps.jsonl lacks \(key)")
        }
        let test = try #require(step1["test"] as? [String: [String: Any]])
        #expect(Set(test.keys) == Set(RunFixtures.criteria))
        #expect(Set(test["fluency"]?.keys.map { $0 } ?? []) == ["spearman", "kendall", "mae", "off_by_one", "n", "degenerate"])
        #expect(Set((step1["test_avg"] as? [String: Double])?.keys.map { $0 } ?? []) == ["spearman", "mae", "off_by_one"])
        let gate = try #require(step1["gate"] as? [String: Any])
        #expect(gate["incumbent_score"] != nil && gate["candidate_score"] != nil && gate["accepted"] != nil)

        let items = try Self.jsonLines(folder.appending(path: "eval_step_0.jsonl"))
        #expect(items.count == 7)
        for item in items {
            for key in ["item", "gt", "pred", "raw", "parse_error"] { #expect(item[key] != nil) }
        }
        let failed = try #require(items.first { $0["item"] as? Int == 13 })
        #expect((failed["pred"] as? [String: Any])?["fluency"] is NSNull)
        #expect(failed["parse_error"] as? String != nil)
        #expect(try writer.latestCheckpoint()?.step == 2)
    }

    @Test func preparingAResumeDropsStepsAfterTheCheckpoint() async throws {
        let results = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: results) }
        let spec = RunFixtures.spec(mode: .CCC, gate: .none, steps: 2)
        let writer = try RunRecordWriter(results: results, taskID: spec.taskID)
        let sink = RecordingSink()
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: sink).start()
        for event in sink.events { try await writer.emit(event) }
        let checkpoint = try #require(sink.checkpoints.first { $0.step == 1 })
        try await writer.prepare(resumingFrom: checkpoint)
        let lines = try Self.jsonLines(writer.directory.appending(path: "steps.jsonl"))
        #expect(lines.map { $0["step"] as? Int } == [0, 1])
    }
}
