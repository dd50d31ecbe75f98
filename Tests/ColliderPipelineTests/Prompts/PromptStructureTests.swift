import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// What each stage's prompts hold, by mode (reference §1.3–§1.6, decisions 8 and 10).
struct PromptStructureTests {
    static let suffix = "\n/no_think"

    /// Runs one step of `mode` and returns the prompts the scripted model received.
    static func prompts(_ mode: Mode, compat: CompatSwitches = CompatSwitches()) async throws -> [Role: [String]] {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        let spec = RunFixtures.spec(mode: mode, gate: .none, steps: 1, compat: compat, suffix: suffix)
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: RecordingSink()).start()
        return Dictionary(grouping: llm.requests, by: \.role).mapValues { $0.map(\.prompt) }
    }

    static func section(_ tag: String, of prompt: String) -> String {
        // The opening tag on a line of its own: the preamble's glossary names tags too.
        guard let open = prompt.range(of: "<\(tag)>\n"), let close = prompt.range(of: "</\(tag)>", range: open.upperBound..<prompt.endIndex)
        else { return "" }
        return String(prompt[open.upperBound..<close.lowerBound])
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func taskPromptIsTheRenderedLayoutByteForByte() async throws {
        let prompts = try await Self.prompts(.SSC)
        let data = RunFixtures.data()
        let prompt = TaskPrompt(
            directive: RunFixtures.spec(mode: .SSC, gate: .none).directive, criteria: RunFixtures.criteria,
            instructions: Dictionary(uniqueKeysWithValues: RunFixtures.criteria.map { ($0, "Rate from 1 to 5.") }),
            scale: Scale(min: 1, max: 5))
        let expected = data.test.map { item in
            prompt.render(inputs: Array(zip(["Summary", "Source Text"], data.rows[item].inputs))) + Self.suffix
        }
        for text in expected { #expect(prompts[.task, default: []].contains(text)) }
    }

    @Test(arguments: [Mode.SSS, .CCC])
    func everyPromptEndsWithTheRoleSuffix(mode: Mode) async throws {
        for prompt in try await Self.prompts(mode).values.joined() { #expect(prompt.hasSuffix(Self.suffix)) }
    }

    @Test(arguments: [Mode.SSS, .SSC, .SCC, .CCC])
    func lossPromptsNeverShowTheSampleOrTheInstruction(mode: Mode) async throws {
        let losses = try await Self.prompts(mode)[.loss, default: []]
        #expect(!losses.isEmpty)
        for prompt in losses {
            #expect(!prompt.contains("Article "))
            #expect(!prompt.contains("Summary "))
            #expect(!prompt.contains("Rate from 1 to 5."))
            #expect(prompt.contains("<OUTPUT_OF_FUNCTION>"))
            #expect(mode.separateLoss != prompt.contains("Overall: "))
        }
    }

    @Test func separateGradientPromptsAreFilteredToTheirCriterion() async throws {
        let gradients = try await Self.prompts(.SSC)[.gradient, default: []]
        #expect(gradients.count == 12)
        for prompt in gradients {
            let system = Self.section("LM_SYSTEM_PROMPT", of: prompt)
            #expect(Self.count("\n- ", in: system) == 1)
            #expect(Self.count("|2|3|", in: system) == 1)
            #expect(prompt.contains("exactly 3 paragraphs"))
        }
    }

    @Test func combinedGradientPromptsLabelTheCCCCritiqueWithTheFirstCriterion() async throws {
        for prompt in try await Self.prompts(.CCC)[.gradient, default: []] {
            let objective = Self.section("OBJECTIVE_FUNCTION", of: prompt)
            #expect(Self.count("Feedback for ", in: objective) == 1)
            #expect(objective.contains("Feedback for fluency:"))
            #expect(Self.section("LM_OUTPUT", of: prompt).contains("```json"))
        }
        var fixed = CompatSwitches()
        fixed.dedupeCombinedGradients = true
        for prompt in try await Self.prompts(.CCC, compat: fixed)[.gradient, default: []] {
            #expect(prompt.contains("Feedback for fluency, relevance, coherence, consistency:"))
        }
        for prompt in try await Self.prompts(.SCC)[.gradient, default: []] {
            #expect(Self.count("Feedback for ", in: Self.section("OBJECTIVE_FUNCTION", of: prompt)) == 4)
        }
    }

    /// SCC/CCC: K×B bullets under K headers (released); B bullets under one header when fixed.
    @Test(arguments: [Mode.SSC, .SCC, .CCC])
    func combinedOptimizerPromptsGroupGradientsByCriterion(mode: Mode) async throws {
        let optimizer = try #require(try await Self.prompts(mode)[.optimizer]?.first)
        let feedback = Self.section("FEEDBACK", of: optimizer)
        #expect(Self.count("\n  - ", in: "\n" + feedback) == 4 * 3)
        #expect(Self.count("Feedback for criterion '", in: feedback) == 4)
        #expect(Self.count("\n---\n", in: feedback) == 3)
        #expect(Self.count("<CONVERSATION>", in: optimizer) == 3)
        #expect(!optimizer.contains("Ground truth"))
        if !mode.separateGradient {
            var fixed = CompatSwitches()
            fixed.dedupeCombinedGradients = true
            let deduped = Self.section("FEEDBACK", of: try #require(try await Self.prompts(mode, compat: fixed)[.optimizer]?.first))
            #expect(Self.count("\n  - ", in: "\n" + deduped) == 3)
            #expect(Self.count("Feedback for criteria ", in: deduped) == 1)
        }
    }

    @Test func separateOptimizerPromptsAreFilteredToTheirCriterion() async throws {
        let optimizers = try await Self.prompts(.SSS)[.optimizer, default: []]
        #expect(optimizers.count == 4)
        for criterion in RunFixtures.criteria {
            let prompt = try #require(optimizers.first { $0.contains("for the criterion \"\(criterion)\"") })
            let others = RunFixtures.criteria.filter { $0 != criterion }
            for other in others { #expect(!Self.section("CONTEXT", of: prompt).contains("\(other):")) }
            #expect(Self.count("\n  - ", in: "\n" + Self.section("FEEDBACK", of: prompt)) == 3)
            #expect(!prompt.contains("Feedback for"))
            #expect(!prompt.contains("```json"))
        }
    }

    @Test func optimizerVariableIsEscapedJSON() {
        let prompt = OptimizerPrompt.combined(
            criteria: ["fluency"], instructions: ["fluency": "Say \"why\".\nThen score."], systemPrompt: "S",
            conversations: [], feedback: [])
        #expect(Self.section("VARIABLE", of: prompt) == "{\n  \"fluency\": \"Say \\\"why\\\".\\nThen score.\"\n}\n")
    }

    @Test(arguments: [(4.0, 4, "CORRECT"), (3.5, 4, "INCORRECT (difference: 0.50)"), (nil, 4, "INCORRECT"), (1, 5, "INCORRECT (difference: 4.00)")] as [(Double?, Int, String)])
    func lossComparisonIsNumeric(prediction: Double?, truth: Int, verdict: String) {
        let prompt = LossPrompt.separate(criterion: "fluency", prediction: prediction, groundTruth: truth)
        #expect(Self.section("OUTPUT_OF_FUNCTION", of: prompt) == "\(verdict)\n")
    }

    @Test func combinedLossCountsCorrectCriteria() {
        let prompt = LossPrompt.combined(
            criteria: ["fluency", "coherence"], predictions: ["fluency": 4, "coherence": 2],
            groundTruth: ["fluency": 4, "coherence": 3])
        #expect(Self.section("OUTPUT_OF_FUNCTION", of: prompt)
            == "fluency: CORRECT\ncoherence: INCORRECT (difference: 1.00)\nOverall: 1 of 2 correct.\n")
    }
}
