import ColliderCore
import ColliderPipeline
import ColliderTesting
import Synchronization
import Testing

/// JSON re-sampling of task replies (decisions 3), optimizer re-samples and fallbacks
/// (reference §2.4, decisions 7 and 11).
struct ResamplingTests {
    /// Answers `bad` the first `times` times a prompt of `role` is seen, then the default.
    static func flaky(_ role: Role, times: Int, bad: String) -> ScriptedLLM {
        let seen = Mutex<[String: Int]>([:])
        return ScriptedLLM(criteria: RunFixtures.criteria) { request in
            guard request.role == role else { return nil }
            let count = seen.withLock { counts -> Int in
                counts[request.prompt, default: 0] += 1
                return counts[request.prompt, default: 0]
            }
            return count <= times ? bad : nil
        }
    }

    @Test func unusableTaskRepliesAreResampledWithTheirOwnKeys() async throws {
        let llm = Self.flaky(.task, times: 2, bad: "{\"fluency\": 9}")
        let sink = RecordingSink()
        let summary = try await Run(spec: RunFixtures.spec(mode: .CCC, gate: .none, steps: 1), data: RunFixtures.data(), llm: llm, sink: sink).start()
        let firstCalls = 3 + 2 * 7
        #expect(summary.calls.task == 3 * firstCalls)
        #expect(summary.resamples.task == 2 * firstCalls)
        #expect(summary.failures["model"] == 2 * firstCalls)
        #expect(summary.parseFailures == 0)
        let item = try #require(sink.evaluations[0]?.first)
        #expect(item.resampled.count == 2 && item.parseError == nil)
        let samePrompt = llm.requests.filter { $0.prompt == llm.requests[0].prompt }
        #expect(samePrompt.count == 3 && Set(samePrompt.map(\.callKey)).count == 3)
    }

    @Test func aTaskModelThatNeverAnswersGivesRecordedParseFailures() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request throws(LLMError) in
            guard request.role == .task else { return nil }
            if request.prompt.contains("Summary 1") { throw LLMError(.model, "empty content", request: request) }
            return "I refuse."
        }
        let sink = RecordingSink()
        var spec = RunFixtures.spec(mode: .SSS, gate: .mae, steps: 1)
        spec.pipeline.jsonAttempts = 3
        let summary = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: sink).start()
        #expect(summary.status == .completed)
        let items = try #require(sink.evaluations[1])
        #expect(items.allSatisfy { $0.parseError != nil && $0.pred.values.allSatisfy { $0 == nil } && $0.resampled.count == 2 })
        #expect(sink.steps[1].test?["fluency"]?.n == 0)
        // Every item of the minibatch, both test passes and both validation passes.
        #expect(summary.parseFailures == 3 + 2 * 7 + 2 * 5)
        #expect(summary.failures["model"] == 3 * summary.parseFailures)
    }

    @Test func noJSONResamplingKeepsTheReleasedBehaviour() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request in
            request.role == .task ? "{\"fluency\": 7, \"coherence\": \"2\"}" : nil
        }
        var compat = CompatSwitches()
        compat.noJSONResampling = true
        let sink = RecordingSink()
        let summary = try await Run(spec: RunFixtures.spec(mode: .CCC, gate: .none, steps: 1, compat: compat), data: RunFixtures.data(), llm: llm, sink: sink).start()
        #expect(summary.resamples == CallCounts())
        let item = try #require(sink.evaluations[0]?.first)
        #expect(item.pred == ["fluency": 7, "coherence": 2, "relevance": nil, "consistency": nil])
        #expect(item.parseError == nil)
    }

    @Test func unparsableOptimizerRepliesAreResampledAndLogged() async throws {
        let llm = Self.flaky(.optimizer, times: 2, bad: "I would make it stricter.")
        let sink = RecordingSink()
        let summary = try await Run(spec: RunFixtures.spec(mode: .SCC, gate: .none, steps: 1), data: RunFixtures.data(), llm: llm, sink: sink).start()
        #expect(summary.calls.optimizer == 3 && summary.resamples.optimizer == 2)
        let call = try #require(sink.steps[1].optimizer.first)
        #expect(call.replies.count == 3)
        #expect(call.parseErrors.map { $0 == nil } == [false, false, true])
        #expect(sink.steps[1].fallbacks.isEmpty)
        #expect(sink.steps[1].instructions["fluency"]?.contains("revision") == true)
    }

    @Test(arguments: [false, true])
    func missingCriteriaFallBack(toInitial: Bool) async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request in
            guard request.role == .optimizer else { return nil }
            let step = request.prompt.contains("Rate from 1 to 5.") && !request.prompt.contains("New") ? "New" : "Newer"
            return "{\"instructions\": {\"fluency\": \"\(step) fluency\"\(step == "New" ? ", \"relevance\": \"New relevance\"" : "")}}"
        }
        var compat = CompatSwitches()
        compat.fallbackToInitialInstruction = toInitial
        let sink = RecordingSink()
        _ = try await Run(spec: RunFixtures.spec(mode: .SSC, gate: .none, steps: 2, compat: compat), data: RunFixtures.data(), llm: llm, sink: sink).start()
        let last = sink.steps[2]
        #expect(last.instructions["fluency"] == "Newer fluency")
        #expect(last.instructions["relevance"] == (toInitial ? "Rate from 1 to 5." : "New relevance"))
        #expect(last.fallbacks.map(\.criterion) == ["relevance", "coherence", "consistency"])
        #expect(last.fallbacks.allSatisfy { $0.usedInstruction == (toInitial ? "initial" : "current") })
    }
}
