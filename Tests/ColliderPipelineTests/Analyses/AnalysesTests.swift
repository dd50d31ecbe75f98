import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// Cherry-pick (reference §8.3) and the LLM-judged diagnostics (§8.4).
struct AnalysesTests {
    @Test(arguments: [
        ("7", 7 as Int?), ("Score: 8/10", 8), ("10", 10), ("0", nil), ("11", nil), ("100 or 5", 5), ("7.5", 7),
        ("no score", nil), ("  9\n", 9),
    ])
    func judgeScoresAreTheFirstStandaloneOneOrTwoDigitNumber(reply: String, expected: Int?) {
        #expect(JudgePrompt.score(reply) == expected)
    }

    static func runRecords(_ mode: Mode, steps: Int = 2) async throws -> (RunSpec, [StepRecord]) {
        let spec = RunFixtures.spec(mode: mode, gate: .none, steps: steps)
        let sink = RecordingSink()
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: sink).start()
        return (spec, sink.steps)
    }

    @Test(arguments: Diagnostic.Kind.allCases, [Mode.single, .SSS, .CCC])
    func diagnosticsJudgeEveryStepAndCriterion(kind: Diagnostic.Kind, mode: Mode) async throws {
        let (spec, steps) = try await Self.runRecords(mode)
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        let result = try await Diagnostic(
            kind: kind, taskID: "diag", run: spec, steps: steps, possibleCriteria: RunFixtures.criteria, judge: RunFixtures.role(.judge), llm: llm
        ).evaluate()
        let k = mode == .single ? 1 : 4
        #expect(llm.counts == CallCounts(judge: 2 * k))
        #expect(result.items.count == 2 * k && result.mean == 7)
        #expect(result.stats.calls.judge == 2 * k)
        let first = try #require(result.items.first)
        // The step's B gradients for the criterion (shared ones in C gradient modes), joined.
        let gradients = steps[first.step].gradients.filter { $0.criterion == nil || $0.criterion == first.criterion }
        #expect(gradients.count == 3)
        #expect(first.prompt.contains("## Gradient\n" + gradients.map(\.text).joined(separator: "\n\n") + "\n"))
        if kind == .feedbackAdherence {
            #expect(first.prompt.contains("## Old Instructions\nRate from 1 to 5."))
            #expect(first.prompt.contains(steps[1].candidate?[first.criterion] ?? "missing"))
        }
    }

    static func record(step: Int, fluency: Double, instruction: String) -> StepRecord {
        var record = StepRecord(step: step, instructionsBefore: [:], instructions: ["fluency": instruction], formatBlock: true)
        record.test = ["fluency": TestMetrics(MetricValues(spearman: fluency, kendall: 0, mae: 1 - fluency, offByOne: fluency, n: 5, degenerate: false))]
        return record
    }

    @Test func picksTakeTheStrictlyBestAndKeepTheFirstOnTies() {
        let runs = [
            "fluency": [
                [Self.record(step: 0, fluency: 0.2, instruction: "I0"), Self.record(step: 1, fluency: 0.5, instruction: "A1")],
                [Self.record(step: 0, fluency: 0.2, instruction: "I0"), Self.record(step: 2, fluency: 0.5, instruction: "B2"),
                 Self.record(step: 1, fluency: 0.1, instruction: "B1")],
            ]
        ]
        let best = CherryPickExperiment.picks(metric: .spearman, criteria: ["fluency", "relevance"], runs: runs)
        #expect(best["fluency"] == CherryPickExperiment.Pick(run: 0, step: 1, value: 0.5, instruction: "A1"))
        #expect(best["relevance"] == nil)
        let lowestMAE = CherryPickExperiment.picks(metric: .mae, criteria: ["fluency"], runs: runs)
        #expect(lowestMAE["fluency"]?.instruction == "A1")
    }

    @Test func cherryPickScoresTheCombinedPromptOncePerMetric() async throws {
        var singleRuns: [String: [[StepRecord]]] = [:]
        for criterion in RunFixtures.criteria {
            let spec = RunFixtures.spec(mode: .single, gate: .none, steps: 2, criteria: [criterion] + RunFixtures.criteria.filter { $0 != criterion })
            let sink = RecordingSink()
            _ = try await Run(spec: spec, data: RunFixtures.data(), llm: ScriptedLLM(criteria: RunFixtures.criteria), sink: sink).start()
            singleRuns[criterion] = [sink.steps]
        }
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        let spec = RunFixtures.spec(mode: .CCC, gate: .none)
        let (results, stats) = try await CherryPickExperiment(spec: spec, data: RunFixtures.data(), llm: llm, singleRuns: singleRuns).evaluate()
        #expect(results.map(\.metric) == CherryPickExperiment.Metric.allCases)
        #expect(llm.counts == CallCounts(task: 3 * 7) && stats.calls.task == 21)
        for result in results {
            #expect(Set(result.picks.keys) == Set(RunFixtures.criteria))
            #expect(result.items.count == 7 && result.test.count == 4)
        }
        let prompt = try #require(llm.requests.first?.prompt)
        #expect(prompt.contains("## Output format"))
        let fluency = try #require(results.first?.picks["fluency"]?.instruction)
        #expect(prompt.contains("- fluency: \(fluency)\n"))
    }
}
