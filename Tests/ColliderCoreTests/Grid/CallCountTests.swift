import Testing

@testable import ColliderCore

/// Golden values: the per-run table of reference-pipeline §1.7, computed there from the
/// reference's formulas (S=12, B=3, K=4, V=100, T=480, E=13).
struct CallCountTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var mode: Mode
        var gate: Gate
        var task, loss, gradient, optimizer, total: Int
        var testDescription: String { "\(mode.rawValue)/\(gate.rawValue)" }
    }

    static let reference: [Row] = [
        Row(mode: .SSS, gate: .mae, task: 7_576, loss: 144, gradient: 144, optimizer: 48, total: 7_912),
        Row(mode: .SSS, gate: .none, task: 6_276, loss: 144, gradient: 144, optimizer: 48, total: 6_612),
        Row(mode: .SSC, gate: .mae, task: 7_576, loss: 144, gradient: 144, optimizer: 12, total: 7_876),
        Row(mode: .SSC, gate: .none, task: 6_276, loss: 144, gradient: 144, optimizer: 12, total: 6_576),
        Row(mode: .SCC, gate: .mae, task: 7_576, loss: 144, gradient: 36, optimizer: 12, total: 7_768),
        Row(mode: .SCC, gate: .none, task: 6_276, loss: 144, gradient: 36, optimizer: 12, total: 6_468),
        Row(mode: .CCC, gate: .mae, task: 7_576, loss: 36, gradient: 36, optimizer: 12, total: 7_660),
        Row(mode: .CCC, gate: .none, task: 6_276, loss: 36, gradient: 36, optimizer: 12, total: 6_360),
        Row(mode: .single, gate: .mae, task: 7_576, loss: 36, gradient: 36, optimizer: 12, total: 7_660),
        Row(mode: .single, gate: .none, task: 6_276, loss: 36, gradient: 36, optimizer: 12, total: 6_360),
    ]

    @Test(arguments: reference)
    func perRunCountsMatchReference(_ row: Row) {
        let calls = CallCounts.run(
            mode: row.mode, gate: row.gate, criteria: 4,
            pipeline: PipelineConfig(steps: 12, batchSize: 3, validationSize: 100), testSize: 480)
        #expect(calls == CallCounts(task: row.task, loss: row.loss, gradient: row.gradient, optimizer: row.optimizer))
        #expect(calls.total == row.total)
    }

    @Test(arguments: [Gate.offByOne, .spearman])
    func everyGateThatIsOnCostsTheSameAsMAE(_ gate: Gate) {
        let pipeline = PipelineConfig(steps: 12, batchSize: 3, validationSize: 100)
        #expect(
            CallCounts.run(mode: .SSC, gate: gate, criteria: 4, pipeline: pipeline, testSize: 480)
                == CallCounts.run(mode: .SSC, gate: .mae, criteria: 4, pipeline: pipeline, testSize: 480))
    }

    /// Reference §1.1: step 0 iff eval_initial, step 1 iff eval_first_step, the last step iff
    /// eval_last_step, otherwise step % eval_every == 0. With S=12, eval_every=5: steps 0,1,5,10,12.
    @Test func evaluationScheduleFollowsTheFlags() {
        var pipeline = PipelineConfig(steps: 12, batchSize: 3, validationSize: 100, evalEvery: 5)
        #expect((0...12).filter(pipeline.evaluates(step:)) == [0, 1, 5, 10, 12])
        pipeline.evalInitial = false
        pipeline.evalFirstStep = false
        pipeline.evalLastStep = false
        #expect((0...12).filter(pipeline.evaluates(step:)) == [5, 10])
        let calls = CallCounts.run(mode: .CCC, gate: .none, criteria: 4, pipeline: pipeline, testSize: 480)
        #expect(calls.task == 12 * 3 + 2 * 480)
    }

    /// Reference §9: the Qwen3 grid is 48 runs and 339,936 calls
    /// (task 332,448, loss 3,672, gradient 3,024, optimizer 792).
    @Test func paperGridTotals() {
        let plan = SweepPlan(
            config: Fixtures.paper(), datasetFingerprint: "f",
            tokens: TokenModel(testSampleChars: 3_000, trainSampleChars: 3_000))
        #expect(plan.tasks.filter { $0.kind == .run }.count == 48)
        #expect(plan.runTotal.calls == CallCounts(task: 332_448, loss: 3_672, gradient: 3_024, optimizer: 792))
        #expect(plan.runTotal.calls.total == 339_936)
    }

    /// Reference §9: cherry-pick is 6 × 480 task calls; each diagnostic 1,440 judge calls.
    @Test func analysisCallsMatchReference() {
        let plan = SweepPlan(
            config: Fixtures.paper(
                analyses: AnalysesConfig(cherryPick: true, gradientSpecificity: true, feedbackAdherence: true)),
            datasetFingerprint: "f", tokens: TokenModel(testSampleChars: 3_000, trainSampleChars: 3_000))
        let cherry = plan.analyses.filter { $0.kind == .cherryPick }
        #expect(cherry.count == 2)
        #expect(cherry.reduce(0) { $0 + $1.estimate.calls.task } == 2_880)
        for kind in [TaskKind.gradientSpecificity, .feedbackAdherence] {
            let lines = plan.analyses.filter { $0.kind == kind }
            #expect(lines.reduce(0) { $0 + $1.estimate.calls.judge } == 1_440)
            #expect(lines.reduce(0) { $0 + $1.tasks } == 48)
        }
    }
}
