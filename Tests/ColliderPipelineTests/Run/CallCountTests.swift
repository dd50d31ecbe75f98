import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// Calls per role of whole runs against reference §1.7, with the formulas written out here as an
/// independent oracle: task = S·B + E·T + g·(S·V + V); loss and gradient = S·(K·B or B);
/// optimizer = S·(K or 1); K = 1 for Single-Task.
struct CallCountTests {
    static let cases: [(Mode, Gate)] = Mode.allCases.flatMap { mode in Gate.allCases.map { (mode, $0) } }

    @Test(arguments: cases)
    func callsPerRoleMatchTheReferenceFormulas(mode: Mode, gate: Gate) async throws {
        let (s, b, v, t) = (2, 3, 5, 7)
        let k = mode == .single ? 1 : 4
        let e = s + 1
        let g = gate == .none ? 0 : 1
        let separateLoss = [Mode.SSS, .SSC, .SCC].contains(mode)
        let separateGradient = [Mode.SSS, .SSC].contains(mode)
        let expected = CallCounts(
            task: s * b + e * t + g * (s * v + v),
            loss: s * (separateLoss ? k * b : b),
            gradient: s * (separateGradient ? k * b : b),
            optimizer: s * (mode == .SSS ? k : 1))

        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        let sink = RecordingSink()
        let run = Run(
            spec: RunFixtures.spec(mode: mode, gate: gate, steps: s, batchSize: b, validationSize: v),
            data: RunFixtures.data(train: 12, validation: v, test: t), llm: llm, sink: sink)
        let summary = try await run.start()

        #expect(llm.counts == expected)
        #expect(summary.calls == expected)
        #expect(summary.resamples == CallCounts())
        #expect(summary.status == .completed)
        #expect(sink.steps.map(\.step) == [0, 1, 2])
    }

    /// The per-step split for one SSS step with the mae gate: 3 / 12 / 12 / 4 plus V + V.
    @Test func perStepCountsForSSS() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        var spec = RunFixtures.spec(mode: .SSS, gate: .mae, steps: 1)
        spec.pipeline.evalInitial = false
        spec.pipeline.evalFirstStep = false
        spec.pipeline.evalLastStep = false
        spec.pipeline.evalEvery = 0
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: RecordingSink()).start()
        #expect(llm.counts == CallCounts(task: 3 + 5 + 5, loss: 12, gradient: 12, optimizer: 4))
    }
}
