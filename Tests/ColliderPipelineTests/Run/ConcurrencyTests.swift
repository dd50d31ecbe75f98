import ColliderCore
import ColliderPipeline
import ColliderTesting
import Synchronization
import Testing

/// Calls inside a stage go out concurrently, at most `concurrency` at once, and results keep item
/// order; an LLM failure stops the run with a failed summary.
struct ConcurrencyTests {
    /// Wraps a scripted model; suspends inside each call and tracks the calls in flight.
    final class ProbeLLM: LLM {
        let inner = ScriptedLLM(criteria: RunFixtures.criteria)
        let state = Mutex<(inFlight: Int, peak: Int)>((0, 0))

        func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply {
            state.withLock { state in
                state.inFlight += 1
                state.peak = max(state.peak, state.inFlight)
            }
            for _ in 0..<5 { await Task.yield() }
            state.withLock { $0.inFlight -= 1 }
            return try await inner.complete(request)
        }
    }

    @Test(arguments: [1, 3])
    func stagesAreBoundedAndKeepItemOrder(width: Int) async throws {
        let llm = ProbeLLM()
        let sink = RecordingSink()
        let data = RunFixtures.data(train: 12, validation: 5, test: 7)
        let spec = RunFixtures.spec(mode: .SSS, gate: .mae, steps: 1, concurrency: width)
        _ = try await Run(spec: spec, data: data, llm: llm, sink: sink).start()
        let peak = llm.state.withLock { $0.peak }
        #expect(peak <= width)
        if width > 1 { #expect(peak > 1) }
        #expect(sink.evaluations[0]?.map(\.item) == data.test)
        #expect(sink.steps[1].critiques.map(\.criterion) == RunFixtures.criteria.flatMap { Array(repeating: $0, count: 3) })
        #expect(sink.steps[1].predictions.map(\.item) == sink.steps[1].minibatch)
    }

    @Test func anInfraFailureStopsTheRunWithAFailedSummary() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request throws(LLMError) in
            if request.role == .gradient { throw LLMError(.infra, "503 from sim", request: request) }
            return nil
        }
        let sink = RecordingSink()
        await #expect(throws: LLMError.self) {
            try await Run(spec: RunFixtures.spec(mode: .CCC, gate: .none), data: RunFixtures.data(), llm: llm, sink: sink).start()
        }
        let summary = try #require(sink.summary)
        #expect(summary.status == .failed && summary.lastStep == 0)
        #expect(summary.failures["infra"] ?? 0 > 0)
        #expect(summary.error?.contains("503") == true)
        #expect(sink.checkpoints.map(\.step) == [0])
    }
}
