import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// Every stage's prompt, by mode, byte for byte (reference §1.3–§1.6, §2.2; decisions 1, 8, 10).
///
/// The expectations are written out by hand from the layout the reference describes and
/// collider's wording, for the small run of `PromptGoldenFixture`: any change of layout, order,
/// tags or information breaks them. Step 1's minibatch is items 0 then 1.
struct PromptGoldenTests {
    // MARK: Shared pieces, written out by hand

    static let backwardPreamble = """
        You are the feedback engine of an optimization system that improves text step by step. Your only job is to give critical, specific feedback on a variable: explain how it could be improved and which strategies would help. Do not write a new version of the variable yourself; another component does that from your feedback.

        Feedback can take shapes such as: pointing out a known failure mode of language models that the variable triggers; suggesting that something be added; suggesting that something be removed; suggesting that something be changed into something else.

        When the variable already does its job well, say so and explain what works, so that the next version keeps it.

        The prompt below uses these tags:
        - <LM_SYSTEM_PROMPT>: the system prompt given to the language model.
        - <LM_INPUT>: the input the language model received.
        - <LM_OUTPUT>: what the language model produced.
        - <OBJECTIVE_FUNCTION>: the goal the feedback must serve.
        - <VARIABLE>: the span of text you give feedback on.
        - <ROLE>: what the variable is and what it does in the system.
        """

    static let optimizerPreamble = """
        You are part of an optimization system that improves a text variable. You will receive feedback on the current variable; use it to write an improved version. The feedback may be noisy: keep what is important and correct, and ignore the rest. Pay attention to the role of the variable and to the context in which it is used.
        """

    static let skeleton = """
        Judge the summary.
        Follow the Instructions below and output a JSON object with the requested scores. Do not include reasoning or explanations.
        """

    /// The full prompt without the sample, initial instructions (§2.2: ends with a newline).
    static let fullSystemPrompt = """
        \(skeleton)

        ## Output format (follow this EXACTLY):
        {
          "fluency": 1|2|3|4|5,
          "coherence": 1|2|3|4|5
        }

        ## Instructions:
        - fluency: Rate fluency.
        - coherence: Rate coherence.

        """

    /// The prompt filtered to fluency (S-mode gradient and optimizer contexts, and Single runs).
    static let fluencySystemPrompt = """
        \(skeleton)

        ## Output format (follow this EXACTLY):
        {
          "fluency": 1|2|3|4|5
        }

        ## Instructions:
        - fluency: Rate fluency.

        """

    static let sample0 = """
        Summary: S0.
        Source Text: T0.
        """

    static let sample1 = """
        Summary: S1.
        Source Text: T1.
        """

    static let threeParagraphsSingular = """
        Write your feedback on the instruction as exactly 3 paragraphs:
        1. What works in the instruction and should be kept.
        2. Which problems in the instruction caused the wrong predictions.
        3. Concrete strategies to improve the instruction while keeping what works.
        """

    static let threeParagraphsPlural = """
        Write your feedback on the instructions as exactly 3 paragraphs:
        1. What works in the instructions and should be kept.
        2. Which problems in the instructions caused the wrong predictions.
        3. Concrete strategies to improve the instructions while keeping what works.
        """

    static let bridge = """
        This conversation is part of a larger system. The language model's output was used as its prediction for the sample.
        """

    static let objectiveLead = """
        Give feedback on the variable so as to address the following feedback on the language model's output:
        """

    static let lossObjective = """
        <OBJECTIVE_FUNCTION>
        Criticize the variable in the light of this evaluation. Your only goal is to improve this metric.
        </OBJECTIVE_FUNCTION>
        """

    static func expectPrompts(_ actual: [String]?, count: Int, contain expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = actual ?? []
        #expect(actual.count == count, sourceLocation: sourceLocation)
        for prompt in expected {
            #expect(actual.contains(prompt), "missing prompt:\n\(prompt)\n--- sent:\n\(actual.joined(separator: "\n=====\n"))", sourceLocation: sourceLocation)
        }
    }

    // MARK: Task

    @Test func minibatchIsItemsZeroThenOne() async throws {
        let (_, steps) = try await PromptGoldenFixture.prompts(.SSC)
        #expect(steps.map(\.minibatch) == [[], [0, 1]])
    }

    @Test(arguments: [Mode.SSS, .SSC, .SCC, .CCC])
    func taskPromptsShowEveryCriterion(mode: Mode) async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(mode)
        let trainItem0 = """
            \(Self.fullSystemPrompt)

            ## Sample:
            Summary: S0.
            Source Text: T0.

            ## Response:

            """
        let step0TestItem3 = """
            \(Self.fullSystemPrompt)

            ## Sample:
            Summary: S3.
            Source Text: T3.

            ## Response:

            """
        // Gate none: the candidate is accepted and step 1's test pass uses it, format block kept.
        let step1TestItem2 = """
            \(Self.skeleton)

            ## Output format (follow this EXACTLY):
            {
              "fluency": 1|2|3|4|5,
              "coherence": 1|2|3|4|5
            }

            ## Instructions:
            - fluency: New fluency.
            - coherence: New coherence.


            ## Sample:
            Summary: S2.
            Source Text: T2.

            ## Response:

            """
        // Step 0 tests 2, step 1 trains on 2 and tests 2.
        Self.expectPrompts(prompts[.task], count: 6, contain: [trainItem0, step0TestItem3, step1TestItem2])
    }

    @Test func singleTaskPromptsShowTheirCriterionOnly() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.single)
        let trainItem1 = """
            \(Self.fluencySystemPrompt)

            ## Sample:
            Summary: S1.
            Source Text: T1.

            ## Response:

            """
        Self.expectPrompts(prompts[.task], count: 6, contain: [trainItem1])
    }

    // MARK: Loss

    static let separateLossFluency0 = """
        \(backwardPreamble)

        <ROLE>
        The prediction of a language model for the criterion "fluency".
        </ROLE>

        A comparison function checks whether the prediction matches the ground truth for fluency.
        <INPUTS_TO_FUNCTION>
        **Model prediction for fluency:** 4
        **Ground truth for fluency:** 4
        </INPUTS_TO_FUNCTION>
        <OUTPUT_OF_FUNCTION>
        CORRECT
        </OUTPUT_OF_FUNCTION>

        \(lossObjective)

        Give feedback on this span:
        <VARIABLE> 4 </VARIABLE>
        If the prediction is correct, say why. Otherwise say what went wrong and what the correct prediction should look like. Be concise.
        """

    static let separateLossCoherence1 = """
        \(backwardPreamble)

        <ROLE>
        The prediction of a language model for the criterion "coherence".
        </ROLE>

        A comparison function checks whether the prediction matches the ground truth for coherence.
        <INPUTS_TO_FUNCTION>
        **Model prediction for coherence:** 3
        **Ground truth for coherence:** 5
        </INPUTS_TO_FUNCTION>
        <OUTPUT_OF_FUNCTION>
        INCORRECT (difference: 2.00)
        </OUTPUT_OF_FUNCTION>

        \(lossObjective)

        Give feedback on this span:
        <VARIABLE> 3 </VARIABLE>
        If the prediction is correct, say why. Otherwise say what went wrong and what the correct prediction should look like. Be concise.
        """

    /// SSS, SSC, SCC: K·B = 4 calls, one per (criterion, item); never the sample or instruction.
    @Test(arguments: [Mode.SSS, .SSC, .SCC])
    func separateLossPrompts(mode: Mode) async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(mode)
        Self.expectPrompts(prompts[.loss], count: 4, contain: [Self.separateLossFluency0, Self.separateLossCoherence1])
    }

    @Test func combinedLossPrompts() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.CCC)
        let item0 = """
            \(Self.backwardPreamble)

            <ROLE>
            The predictions of a language model for the criteria fluency, coherence.
            </ROLE>

            A comparison function checks, for each criterion, whether the prediction matches the ground truth.
            <INPUTS_TO_FUNCTION>
            **Model prediction for fluency:** 4
            **Model prediction for coherence:** 2
            **Ground truth for fluency:** 4
            **Ground truth for coherence:** 3
            </INPUTS_TO_FUNCTION>
            <OUTPUT_OF_FUNCTION>
            fluency: CORRECT
            coherence: INCORRECT (difference: 1.00)
            Overall: 1 of 2 correct.
            </OUTPUT_OF_FUNCTION>

            \(Self.lossObjective)

            Give feedback on this span:
            <VARIABLE>
            fluency: 4
            coherence: 2
            </VARIABLE>
            For each criterion, say why the prediction is correct if it is; otherwise say what went wrong and what the correct prediction should look like. Be concise.
            """
        let item1 = """
            \(Self.backwardPreamble)

            <ROLE>
            The predictions of a language model for the criteria fluency, coherence.
            </ROLE>

            A comparison function checks, for each criterion, whether the prediction matches the ground truth.
            <INPUTS_TO_FUNCTION>
            **Model prediction for fluency:** 3
            **Model prediction for coherence:** 3
            **Ground truth for fluency:** 2
            **Ground truth for coherence:** 5
            </INPUTS_TO_FUNCTION>
            <OUTPUT_OF_FUNCTION>
            fluency: INCORRECT (difference: 1.00)
            coherence: INCORRECT (difference: 2.00)
            Overall: 0 of 2 correct.
            </OUTPUT_OF_FUNCTION>

            \(Self.lossObjective)

            Give feedback on this span:
            <VARIABLE>
            fluency: 3
            coherence: 3
            </VARIABLE>
            For each criterion, say why the prediction is correct if it is; otherwise say what went wrong and what the correct prediction should look like. Be concise.
            """
        Self.expectPrompts(prompts[.loss], count: 2, contain: [item0, item1])
    }

    // MARK: Gradient

    /// SSS, SSC: one call per (criterion, item) on the prompt filtered to the criterion, the
    /// criterion's score as the output, its critique and its instruction.
    @Test(arguments: [Mode.SSS, .SSC])
    func separateGradientPrompts(mode: Mode) async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(mode)
        let fluency0 = """
            \(Self.backwardPreamble)

            <ROLE>
            The instruction for the criterion "fluency" in the system prompt of a language model.
            </ROLE>

            Here is a conversation with the language model:

            <LM_SYSTEM_PROMPT>
            \(Self.fluencySystemPrompt)
            </LM_SYSTEM_PROMPT>

            <LM_INPUT>
            Summary: S0.
            Source Text: T0.
            </LM_INPUT>

            <LM_OUTPUT>
            fluency: 4
            </LM_OUTPUT>

            \(Self.bridge)

            <OBJECTIVE_FUNCTION>
            \(Self.objectiveLead)

            Critique: fluency CORRECT.
            </OBJECTIVE_FUNCTION>

            Give feedback on this span:
            <VARIABLE> Rate fluency. </VARIABLE>
            \(Self.threeParagraphsSingular)
            """
        let coherence1 = """
            \(Self.backwardPreamble)

            <ROLE>
            The instruction for the criterion "coherence" in the system prompt of a language model.
            </ROLE>

            Here is a conversation with the language model:

            <LM_SYSTEM_PROMPT>
            \(Self.skeleton)

            ## Output format (follow this EXACTLY):
            {
              "coherence": 1|2|3|4|5
            }

            ## Instructions:
            - coherence: Rate coherence.

            </LM_SYSTEM_PROMPT>

            <LM_INPUT>
            Summary: S1.
            Source Text: T1.
            </LM_INPUT>

            <LM_OUTPUT>
            coherence: 3
            </LM_OUTPUT>

            \(Self.bridge)

            <OBJECTIVE_FUNCTION>
            \(Self.objectiveLead)

            Critique: coherence INCORRECT (difference: 2.00).
            </OBJECTIVE_FUNCTION>

            Give feedback on this span:
            <VARIABLE> Rate coherence. </VARIABLE>
            \(Self.threeParagraphsSingular)
            """
        Self.expectPrompts(prompts[.gradient], count: 4, contain: [fluency0, coherence1])
    }

    /// SCC, CCC, Single: one call per item on the full prompt and the raw reply; `objective` is the
    /// `<OBJECTIVE_FUNCTION>` feedback blocks.
    static func combinedGradient(
        criteria: [String], systemPrompt: String, sample: String, output: String, objective: String
    ) -> String {
        """
        \(backwardPreamble)

        <ROLE>
        The instructions for the criteria \(criteria.joined(separator: ", ")) in the system prompt of a language model.
        </ROLE>

        Here is a conversation with the language model:

        <LM_SYSTEM_PROMPT>
        \(systemPrompt)
        </LM_SYSTEM_PROMPT>

        <LM_INPUT>
        \(sample)
        </LM_INPUT>

        <LM_OUTPUT>
        \(output)
        </LM_OUTPUT>

        \(bridge)

        <OBJECTIVE_FUNCTION>
        \(objectiveLead)

        \(objective)
        </OBJECTIVE_FUNCTION>

        Give feedback on this span:
        <VARIABLE>
        \(criteria.map { "  \($0): Rate \($0)." }.joined(separator: "\n"))
        </VARIABLE>
        \(threeParagraphsPlural)
        """
    }

    static let output0 = """
        ```json
        {"fluency": 4, "coherence": 2}
        ```
        """

    @Test func sccGradientPromptsHoldEachCriterionsCritique() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.SCC)
        let item0 = Self.combinedGradient(
            criteria: ["fluency", "coherence"], systemPrompt: Self.fullSystemPrompt, sample: Self.sample0,
            output: Self.output0,
            objective: """
                Feedback for fluency:
                Critique: fluency CORRECT.

                Feedback for coherence:
                Critique: coherence INCORRECT (difference: 1.00).
                """)
        let item1 = Self.combinedGradient(
            criteria: ["fluency", "coherence"], systemPrompt: Self.fullSystemPrompt, sample: Self.sample1,
            output: "{\"fluency\": 3, \"coherence\": 3}",
            objective: """
                Feedback for fluency:
                Critique: fluency INCORRECT (difference: 1.00).

                Feedback for coherence:
                Critique: coherence INCORRECT (difference: 2.00).
                """)
        Self.expectPrompts(prompts[.gradient], count: 2, contain: [item0, item1])
    }

    /// CCC: the one combined critique, shown once and labelled with the first criterion
    /// (released, decisions 8), or with every criterion under `dedupe_combined_gradients`.
    @Test(arguments: [false, true])
    func cccGradientPromptsHoldTheCombinedCritiqueOnce(dedupe: Bool) async throws {
        var compat = CompatSwitches()
        compat.dedupeCombinedGradients = dedupe
        let (prompts, _) = try await PromptGoldenFixture.prompts(.CCC, compat: compat)
        let label = dedupe ? "fluency, coherence" : "fluency"
        let item0 = Self.combinedGradient(
            criteria: ["fluency", "coherence"], systemPrompt: Self.fullSystemPrompt, sample: Self.sample0,
            output: Self.output0, objective: "Feedback for \(label):\nCritique: 1 of 2 correct.")
        let item1 = Self.combinedGradient(
            criteria: ["fluency", "coherence"], systemPrompt: Self.fullSystemPrompt, sample: Self.sample1,
            output: "{\"fluency\": 3, \"coherence\": 3}", objective: "Feedback for \(label):\nCritique: 0 of 2 correct.")
        Self.expectPrompts(prompts[.gradient], count: 2, contain: [item0, item1])
    }

    /// Single: CCC with K = 1 (reference §1.6).
    @Test func singleLossAndGradientPrompts() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.single)
        let loss0 = """
            \(Self.backwardPreamble)

            <ROLE>
            The predictions of a language model for the criteria fluency.
            </ROLE>

            A comparison function checks, for each criterion, whether the prediction matches the ground truth.
            <INPUTS_TO_FUNCTION>
            **Model prediction for fluency:** 4
            **Ground truth for fluency:** 4
            </INPUTS_TO_FUNCTION>
            <OUTPUT_OF_FUNCTION>
            fluency: CORRECT
            Overall: 1 of 1 correct.
            </OUTPUT_OF_FUNCTION>

            \(Self.lossObjective)

            Give feedback on this span:
            <VARIABLE>
            fluency: 4
            </VARIABLE>
            For each criterion, say why the prediction is correct if it is; otherwise say what went wrong and what the correct prediction should look like. Be concise.
            """
        Self.expectPrompts(prompts[.loss], count: 2, contain: [loss0])
        let gradient1 = Self.combinedGradient(
            criteria: ["fluency"], systemPrompt: Self.fluencySystemPrompt, sample: Self.sample1,
            output: "{\"fluency\": 3}", objective: "Feedback for fluency:\nCritique: 0 of 1 correct.")
        Self.expectPrompts(prompts[.gradient], count: 2, contain: [gradient1])
    }

    // MARK: Optimizer

    static func conversation(_ sample: String, _ output: String) -> String {
        """
        <CONVERSATION>
        <LM_INPUT>
        \(sample)
        </LM_INPUT>
        <LM_OUTPUT>
        \(output)
        </LM_OUTPUT>
        </CONVERSATION>
        """
    }

    /// SSC, SCC, CCC, Single: one call; the variable is escaped JSON (decisions 10), the reply a
    /// JSON object of every criterion's instruction. Never a ground truth.
    static func combinedOptimizer(criteria: [String], systemPrompt: String, outputs: [String], feedback: String) -> String {
        """
        \(optimizerPreamble)

        <ROLE>
        The instructions for the criteria \(criteria.joined(separator: ", ")) in the system prompt of a language model.
        </ROLE>

        The current value of the variable:

        <VARIABLE>
        {
        \(criteria.map { "  \"\($0)\": \"Rate \($0).\"" }.joined(separator: ",\n"))
        }
        </VARIABLE>

        <CONTEXT>
        <LM_SYSTEM_PROMPT>
        \(systemPrompt)
        </LM_SYSTEM_PROMPT>

        \(conversation(sample0, outputs[0]))

        \(conversation(sample1, outputs[1]))

        Here is the feedback on the instructions:

        <FEEDBACK>
        \(feedback)
        </FEEDBACK>
        </CONTEXT>

        Improve the instructions using the feedback. Reply with a JSON object of this shape and nothing else, one improved instruction per criterion:
        {"instructions": {\(criteria.map { "\"\($0)\": \"...\"" }.joined(separator: ", "))}}
        """
    }

    static let outputs = [output0, "{\"fluency\": 3, \"coherence\": 3}"]

    @Test func sscOptimizerPromptGroupsEachCriterionsGradients() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.SSC)
        let expected = Self.combinedOptimizer(
            criteria: ["fluency", "coherence"], systemPrompt: Self.fullSystemPrompt, outputs: Self.outputs,
            feedback: """
                Feedback for criterion 'fluency':
                  - Gradient for fluency on Summary: S0.
                  - Gradient for fluency on Summary: S1.
                ---
                Feedback for criterion 'coherence':
                  - Gradient for coherence on Summary: S0.
                  - Gradient for coherence on Summary: S1.
                """)
        Self.expectPrompts(prompts[.optimizer], count: 1, contain: [expected])
    }

    /// SCC, CCC: the B shared gradients repeated under every criterion (released, decisions 8),
    /// or once under all criteria with `dedupe_combined_gradients`.
    @Test(arguments: [Mode.SCC, .CCC], [false, true])
    func sharedGradientOptimizerPrompts(mode: Mode, dedupe: Bool) async throws {
        var compat = CompatSwitches()
        compat.dedupeCombinedGradients = dedupe
        let (prompts, _) = try await PromptGoldenFixture.prompts(mode, compat: compat)
        let released = """
            Feedback for criterion 'fluency':
              - Gradient for all on Summary: S0.
              - Gradient for all on Summary: S1.
            ---
            Feedback for criterion 'coherence':
              - Gradient for all on Summary: S0.
              - Gradient for all on Summary: S1.
            """
        let deduped = """
            Feedback for criteria 'fluency', 'coherence':
              - Gradient for all on Summary: S0.
              - Gradient for all on Summary: S1.
            """
        let expected = Self.combinedOptimizer(
            criteria: ["fluency", "coherence"], systemPrompt: Self.fullSystemPrompt, outputs: Self.outputs,
            feedback: dedupe ? deduped : released)
        Self.expectPrompts(prompts[.optimizer], count: 1, contain: [expected])
    }

    @Test func singleOptimizerPromptHasOneKey() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.single)
        let expected = Self.combinedOptimizer(
            criteria: ["fluency"], systemPrompt: Self.fluencySystemPrompt,
            outputs: ["```json\n{\"fluency\": 4}\n```", "{\"fluency\": 3}"],
            feedback: """
                Feedback for criterion 'fluency':
                  - Gradient for all on Summary: S0.
                  - Gradient for all on Summary: S1.
                """)
        Self.expectPrompts(prompts[.optimizer], count: 1, contain: [expected])
    }

    /// SSS: one call per criterion on its filtered view, plain-text reply.
    @Test func sssOptimizerPromptsAreFilteredToTheirCriterion() async throws {
        let (prompts, _) = try await PromptGoldenFixture.prompts(.SSS)
        let fluency = """
            \(Self.optimizerPreamble)

            <ROLE>
            The instruction for the criterion "fluency" in the system prompt of a language model.
            </ROLE>

            The current value of the variable:

            <VARIABLE>
            Rate fluency.
            </VARIABLE>

            <CONTEXT>
            <LM_SYSTEM_PROMPT>
            \(Self.fluencySystemPrompt)
            </LM_SYSTEM_PROMPT>

            \(Self.conversation(Self.sample0, "fluency: 4"))

            \(Self.conversation(Self.sample1, "fluency: 3"))

            Here is the feedback on the instruction:

            <FEEDBACK>
              - Gradient for fluency on Summary: S0.
              - Gradient for fluency on Summary: S1.
            </FEEDBACK>
            </CONTEXT>

            Improve the instruction using the feedback. Reply with the improved instruction text only: no JSON, no quotes, no headings or other formatting.
            """
        Self.expectPrompts(prompts[.optimizer], count: 2, contain: [fluency])
        #expect(prompts[.optimizer, default: []].contains { $0.contains("<VARIABLE>\nRate coherence.\n</VARIABLE>") })
    }

    // MARK: Gate

    /// Gate mae at step 1: the incumbent (the current prompt) and the candidate on the validation
    /// items; the candidate keeps the format block (decisions 1) unless
    /// `drop_format_block_after_update` drops it.
    @Test(arguments: [false, true])
    func gatePrompts(dropFormat: Bool) async throws {
        var compat = CompatSwitches()
        compat.dropFormatBlockAfterUpdate = dropFormat
        let (prompts, _) = try await PromptGoldenFixture.prompts(.SSC, gate: .mae, compat: compat)
        let format = dropFormat ? "" : """


            ## Output format (follow this EXACTLY):
            {
              "fluency": 1|2|3|4|5,
              "coherence": 1|2|3|4|5
            }
            """
        let candidate1 = """
            \(Self.skeleton)\(format)

            ## Instructions:
            - fluency: New fluency.
            - coherence: New coherence.


            ## Sample:
            Summary: S1.
            Source Text: T1.

            ## Response:

            """
        let incumbent0 = """
            \(Self.fullSystemPrompt)

            ## Sample:
            Summary: S0.
            Source Text: T0.

            ## Response:

            """
        // 2 test items at steps 0 and 1, 2 training, 2 incumbent and 2 candidate validation items.
        let tasks = prompts[.task, default: []]
        Self.expectPrompts(tasks, count: 10, contain: [candidate1, incumbent0])
        #expect(tasks.filter { $0 == incumbent0 }.count == 2)
        // Tie on the validation MAE: accepted, so step 1's test pass uses the candidate's layout.
        #expect(tasks.filter { $0 == candidate1.replacingOccurrences(of: "S1.\nSource Text: T1.", with: "S2.\nSource Text: T2.") }.count == 1)
    }
}
