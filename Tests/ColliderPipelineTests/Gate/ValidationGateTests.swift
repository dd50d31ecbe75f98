import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// Gate semantics of reference §4 and decisions 6.
struct ValidationGateTests {
    @Test func tiesAreAcceptedAndTheAcceptedCandidateBecomesTheIncumbent() {
        var gate = ValidationGate(metric: .mae)
        #expect(gate.needsIncumbentScore)
        gate.setIncumbent(score: -1.0)
        #expect(!gate.needsIncumbentScore)
        #expect(gate.decide(candidate: -1.0).accepted)
        #expect(!gate.decide(candidate: -1.2).accepted)
        #expect(gate.incumbentScore == -1.0)
        let better = gate.decide(candidate: -0.5)
        #expect(better.accepted && better.incumbentScore == -1.0 && better.candidateScore == -0.5)
        #expect(gate.incumbentScore == -0.5)
    }

    @Test func aScoreWithoutPairsLosesToAnyNumberAndTiesWithItself() {
        var gate = ValidationGate(metric: .spearman)
        gate.setIncumbent(score: nil)
        #expect(gate.decide(candidate: nil).accepted)
        #expect(gate.decide(candidate: -0.9).accepted)
        #expect(!gate.decide(candidate: nil).accepted)
    }

    @Test func noneAcceptsWithoutScoring() {
        var gate = ValidationGate(metric: .none)
        #expect(!gate.needsIncumbentScore)
        let decision = gate.decide(candidate: nil)
        #expect(decision.accepted && !decision.enabled)
    }

    @Test(arguments: [(Gate.mae, -1.5), (.offByOne, 0.75), (.spearman, 0.25)])
    func scoresAreHigherIsBetterAveragesOverScoredCriteria(metric: Gate, expected: Double) {
        let values = [
            MetricValues(spearman: 0.5, kendall: 0.4, mae: 1, offByOne: 1, n: 5, degenerate: false),
            MetricValues(spearman: 0, kendall: 0, mae: 2, offByOne: 0.5, n: 5, degenerate: true),
            MetricValues(spearman: 0, kendall: 0, mae: 0, offByOne: 0, n: 0, degenerate: true),
        ]
        #expect(ValidationGate.score(metric: metric, perCriterion: values) == expected)
    }

    /// Candidates that predict worse are rejected; the prompt stays, and the incumbent is scored
    /// once (V calls at step 1 only).
    @Test func rejectionKeepsThePromptAndTheIncumbentIsNeverRescored() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request in
            guard request.role == .task, request.prompt.contains("revision") else { return nil }
            return "{\"fluency\": 1, \"relevance\": 1, \"coherence\": 1, \"consistency\": 1}"
        }
        let sink = RecordingSink()
        let spec = RunFixtures.spec(mode: .CCC, gate: .mae, steps: 3)
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: sink).start()
        let decisions = sink.steps.compactMap(\.gate)
        #expect(decisions.count == 3)
        #expect(decisions.allSatisfy { !$0.accepted })
        #expect(Set(decisions.map(\.incumbentScore)).count == 1)
        for record in sink.steps { #expect(record.instructions == record.instructionsBefore) }
        #expect(sink.steps.last?.instructions["fluency"] == "Rate from 1 to 5.")
        let initialValidationCalls = llm.requests.filter {
            $0.role == .task && !$0.prompt.contains("revision") && $0.prompt.contains("Summary 0 of")
        }
        // Item 0 is a validation item: the incumbent's call, plus the three test passes do not
        // include it, plus the minibatch draws of it.
        let minibatchDraws = sink.steps.filter { $0.minibatch.contains(0) }.count
        #expect(initialValidationCalls.count == 1 + minibatchDraws)
    }

    @Test func acceptedCandidatesReplaceThePromptAndTiesAreAccepted() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria) { request in
            request.role == .task ? "{\"fluency\": 3, \"relevance\": 3, \"coherence\": 3, \"consistency\": 3}" : nil
        }
        let sink = RecordingSink()
        _ = try await Run(spec: RunFixtures.spec(mode: .SSC, gate: .mae, steps: 2), data: RunFixtures.data(), llm: llm, sink: sink).start()
        for record in sink.steps.dropFirst() {
            #expect(record.gate?.accepted == true)
            #expect(record.gate?.incumbentScore == record.gate?.candidateScore)
            #expect(record.instructions == record.candidate)
        }
    }
}
