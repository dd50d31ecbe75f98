import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// The evaluation schedule (reference §1.1) and the frozen output-format block (decisions 1).
struct ScheduleTests {
    @Test func testPassesFollowTheSchedule() async throws {
        var spec = RunFixtures.spec(mode: .CCC, gate: .none, steps: 5)
        spec.pipeline.evalEvery = 2
        spec.pipeline.evalInitial = false
        let sink = RecordingSink()
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: sink).start()
        // Step 1 (first), 2 and 4 (every 2nd), 5 (last); not 0 or 3.
        #expect(Set(sink.evaluations.keys) == [1, 2, 4, 5])
        #expect(sink.steps.map(\.step) == [0, 1, 2, 3, 4, 5])
        #expect(sink.steps.map { $0.test != nil } == [false, true, true, false, true, true])
        #expect(sink.steps[1].testAvg != nil && sink.steps[3].testAvg == nil)
        #expect(llm.counts.task == 5 * 3 + 4 * 7)
    }

    @Test func aSingleTaskRunRecordsOnlyItsCriterion() async throws {
        let sink = RecordingSink()
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        _ = try await Run(spec: RunFixtures.spec(mode: .single, gate: .mae, steps: 1), data: RunFixtures.data(), llm: llm, sink: sink).start()
        let item = try #require(sink.evaluations[1]?.first)
        #expect(Array(item.gt.keys) == ["fluency"] && Array(item.pred.keys) == ["fluency"])
        #expect(sink.steps[1].test.map { Array($0.keys) } == ["fluency"])
        #expect(llm.requests.filter { $0.role == .task }.allSatisfy { !$0.prompt.contains("- relevance:") })
    }

    @Test func theTestPassUsesThePostGatePrompt() async throws {
        let sink = RecordingSink()
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        _ = try await Run(spec: RunFixtures.spec(mode: .SSS, gate: .none, steps: 1), data: RunFixtures.data(), llm: llm, sink: sink).start()
        let accepted = try #require(sink.steps[1].instructions["fluency"])
        #expect(accepted.contains("revision"))
        let testPrompts = llm.requests.filter { $0.role == .task && $0.prompt.contains("Summary 12 of") }.map(\.prompt)
        #expect(testPrompts.count == 2)
        #expect(testPrompts.filter { $0.contains("- fluency: \(accepted)\n") }.count == 1)
    }

    @Test(arguments: [false, true])
    func theFormatBlockIsFrozenUnlessTheSwitchDropsIt(drop: Bool) async throws {
        var compat = CompatSwitches()
        compat.dropFormatBlockAfterUpdate = drop
        let sink = RecordingSink()
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        _ = try await Run(spec: RunFixtures.spec(mode: .SSC, gate: .none, steps: 2, compat: compat), data: RunFixtures.data(), llm: llm, sink: sink).start()
        #expect(sink.steps.map(\.formatBlock) == [true, !drop, !drop])
        let withBlock = llm.requests.filter { $0.role == .task && $0.prompt.contains("## Output format") }.count
        // Step 0's test pass and step 1's minibatch always show it.
        #expect(withBlock == (drop ? 7 + 3 : llm.counts.task))
    }
}
