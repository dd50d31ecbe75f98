import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// The analyses' prompts byte for byte, written out by hand (reference §8.3, §8.4).
struct AnalysisPromptGoldenTests {
    static func pick(step: Int, spearman: Double, criterion: String, instruction: String) -> StepRecord {
        var record = StepRecord(step: step, instructionsBefore: [:], instructions: [criterion: instruction], formatBlock: false)
        record.test = [
            criterion: TestMetrics(MetricValues(spearman: spearman, kendall: 0, mae: 1, offByOne: 0.5, n: 2, degenerate: false))
        ]
        return record
    }

    /// The combined prompt: the initial skeleton with the format block for every criterion and
    /// each criterion's picked instruction; one test pass of the two test items per metric.
    @Test func cherryPickPromptCombinesThePicksWithTheFormatBlock() async throws {
        let singleRuns = [
            "fluency": [[Self.pick(step: 0, spearman: 0.1, criterion: "fluency", instruction: "Rate fluency."),
                         Self.pick(step: 1, spearman: 0.4, criterion: "fluency", instruction: "Count \"grammar\" slips.")]],
            "coherence": [[Self.pick(step: 0, spearman: 0.3, criterion: "coherence", instruction: "Rate coherence.")]],
        ]
        let llm = ScriptedLLM(criteria: PromptGoldenFixture.criteria, responder: PromptGoldenFixture.responder)
        _ = try await CherryPickExperiment(
            spec: PromptGoldenFixture.spec(.CCC), data: PromptGoldenFixture.data(), llm: llm, singleRuns: singleRuns
        ).evaluate()
        let expected = """
            Judge the summary.
            Follow the Instructions below and output a JSON object with the requested scores. Do not include reasoning or explanations.

            ## Output format (follow this EXACTLY):
            {
              "fluency": 1|2|3|4|5,
              "coherence": 1|2|3|4|5
            }

            ## Instructions:
            - fluency: Count "grammar" slips.
            - coherence: Rate coherence.


            ## Sample:
            Summary: S3.
            Source Text: T3.

            ## Response:

            """
        let prompts = llm.requests.map(\.prompt)
        #expect(prompts.count == 3 * 2)
        // Spearman picks fluency's step 1; MAE and off-by-one tie, so step 0 (the initial) wins.
        #expect(prompts.filter { $0 == expected }.count == 1)
        let initial = expected.replacingOccurrences(of: "Count \"grammar\" slips.", with: "Rate fluency.")
        #expect(prompts.filter { $0 == initial }.count == 2)
    }

    /// One step of a CCC and a Single run: the shared gradients joined by a blank line.
    static func steps() -> [StepRecord] {
        var step = StepRecord(
            step: 1, instructionsBefore: ["fluency": "Rate fluency.", "coherence": "Rate coherence."],
            instructions: ["fluency": "Rate fluency.", "coherence": "Rate coherence."], formatBlock: true)
        step.gradients = [
            TextRecord(criterion: nil, item: 0, text: "Gradient A.", prompt: ""),
            TextRecord(criterion: nil, item: 1, text: "Gradient B.", prompt: ""),
        ]
        step.candidate = ["fluency": "New fluency.", "coherence": "New coherence."]
        return [StepRecord(step: 0, instructionsBefore: [:], instructions: [:], formatBlock: true), step]
    }

    static func judgePrompts(_ kind: Diagnostic.Kind, mode: Mode) async throws -> [String] {
        let llm = ScriptedLLM(criteria: PromptGoldenFixture.criteria)
        _ = try await Diagnostic(
            kind: kind, taskID: "diag", run: PromptGoldenFixture.spec(mode), steps: Self.steps(),
            possibleCriteria: ["fluency", "relevance", "coherence"], judge: RunFixtures.role(.judge), llm: llm
        ).evaluate()
        return llm.requests.map(\.prompt)
    }

    /// The target criterion and every criterion of the dataset, a Single run's too.
    @Test(arguments: [Mode.CCC, .single])
    func gradientSpecificityPrompt(mode: Mode) async throws {
        let prompts = try await Self.judgePrompts(.gradientSpecificity, mode: mode)
        let fluency = """
            You measure how focused a textual "gradient" (feedback meant to improve an evaluation instruction) is on one evaluation criterion, as opposed to generic advice or advice that belongs to other criteria.

            Target criterion: fluency
            Possible criteria: fluency, relevance, coherence

            Rate the gradient from 1 to 10:
            1 = completely generic, or mostly about other criteria;
            10 = entirely about the target criterion, with concrete fixes specific to it.

            ## Gradient
            Gradient A.

            Gradient B.

            Reply with a single integer from 1 to 10 and nothing else.
            """
        #expect(prompts.count == (mode == .single ? 1 : 2))
        #expect(prompts.contains(fluency))
    }

    /// The old instruction, the optimizer's candidate (before gating) and the gradients.
    @Test func feedbackAdherencePrompt() async throws {
        let prompts = try await Self.judgePrompts(.feedbackAdherence, mode: .CCC)
        let coherence = """
            You evaluate whether a revision of an instruction addressed the feedback (the "gradient") it was given. The instruction belongs to an LLM judge for the criterion "coherence". The gradient may hold suggestions for several criteria: consider only those for "coherence".

            Rate the revision from 1 to 10:
            1 = it ignores or contradicts the gradient;
            10 = it addresses every point precisely while keeping what worked.

            ## Old Instructions
            Rate coherence.

            ## New Instructions
            New coherence.

            ## Gradient
            Gradient A.

            Gradient B.

            Reply with a single integer from 1 to 10 and nothing else.
            """
        #expect(prompts.count == 2)
        #expect(prompts.contains(coherence))
    }
}
