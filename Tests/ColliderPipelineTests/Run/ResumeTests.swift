import ColliderCore
import ColliderPipeline
import ColliderTesting
import Foundation
import Testing

/// Checkpoints (architecture.md): a run resumed from a checkpoint emits the same records as an
/// uninterrupted one when the LLM answers the same.
struct ResumeTests {
    struct Stop: Error {}

    /// A sink that records events and fails on the checkpoint of step `stopAfter`.
    final class StoppingSink: RunRecordSink {
        let inner = RecordingSink()
        let stopAfter: Int

        init(stopAfter: Int) {
            self.stopAfter = stopAfter
        }

        func emit(_ event: RunEvent) async throws {
            try await inner.emit(event)
            if case .checkpoint(let checkpoint) = event, checkpoint.step == stopAfter { throw Stop() }
        }
    }

    @Test(arguments: [(Mode.SSC, Gate.mae), (.SSS, .none), (.CCC, .spearman)])
    func resumedRunEqualsUninterruptedRun(mode: Mode, gate: Gate) async throws {
        let spec = RunFixtures.spec(mode: mode, gate: gate, steps: 3)
        let data = RunFixtures.data()
        let whole = RecordingSink()
        let wholeSummary = try await Run(spec: spec, data: data, llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: whole).start()

        let first = StoppingSink(stopAfter: 1)
        await #expect(throws: Stop.self) {
            try await Run(spec: spec, data: data, llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: first).start()
        }
        #expect(first.inner.summary?.status == .failed)
        let checkpoint = try #require(first.inner.checkpoints.last)
        #expect(checkpoint.step == 1)
        let decoded = try JSONDecoder().decode(RunCheckpoint.self, from: JSONEncoder().encode(checkpoint))
        #expect(decoded == checkpoint)

        let rest = RecordingSink()
        let resumedSummary = try await Run(spec: spec, data: data, llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: rest)
            .resume(from: decoded)
        #expect(first.inner.steps + rest.steps == whole.steps)
        #expect(first.inner.evaluations.merging(rest.evaluations) { $1 } == whole.evaluations)
        #expect(resumedSummary.calls == wholeSummary.calls)
        #expect(resumedSummary.tokens == wholeSummary.tokens)
        #expect(rest.checkpoints.last?.instructions == whole.checkpoints.last?.instructions)
        #expect(rest.checkpoints.last?.gate == whole.checkpoints.last?.gate)
    }

    @Test func aCheckpointOfAnotherTaskIsRefused() async throws {
        let spec = RunFixtures.spec(mode: .CCC, gate: .none, steps: 1)
        let sink = RecordingSink()
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: sink).start()
        var other = spec
        other.taskID = "another"
        let checkpoint = try #require(sink.checkpoints.first)
        await #expect(throws: RunError.self) {
            try await Run(spec: other, data: RunFixtures.data(), llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: sink)
                .resume(from: checkpoint)
        }
    }

    /// The optimizer returns the instructions unchanged, so the test prompt repeats at every step:
    /// every call still has its own key.
    @Test func everyCallHasItsOwnKeyEvenForARepeatedPrompt() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request in
            request.role == .optimizer ? "{\"instructions\": {}}" : nil
        }
        let sink = RecordingSink()
        _ = try await Run(spec: RunFixtures.spec(mode: .SSC, gate: .mae, steps: 2), data: RunFixtures.data(), llm: llm, sink: sink).start()
        let requests = llm.requests
        #expect(Set(requests.map(\.callKey)).count == requests.count)
        #expect(Set(requests.filter { $0.role == .task }.map(\.prompt)).count < requests.filter { $0.role == .task }.count)
        #expect(sink.steps[1].fallbacks.map(\.criterion) == RunFixtures.criteria)
        #expect(sink.steps[1].fallbacks.allSatisfy { $0.usedInstruction == "current" })
    }
}
