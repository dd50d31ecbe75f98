import ColliderCore

/// Gradient-stage prompts (reference §1.4): turn critiques of a prediction into feedback on the
/// instruction(s), written as exactly three paragraphs.
public enum GradientPrompt {
    /// What the task LLM saw and answered for one minibatch item.
    public struct Conversation: Sendable, Equatable {
        /// The rendered prompt without the sample (filtered to one criterion in S modes).
        public var systemPrompt: String
        /// The sample's `Label: value` lines.
        public var input: String
        /// The task LLM's output: `criterion: value` in S modes, the raw reply in C modes.
        public var output: String

        public init(systemPrompt: String, input: String, output: String) {
            self.systemPrompt = systemPrompt
            self.input = input
            self.output = output
        }

        var rendered: String {
            [
                PromptParts.tagged("LM_SYSTEM_PROMPT", systemPrompt),
                PromptParts.tagged("LM_INPUT", input),
                PromptParts.tagged("LM_OUTPUT", output),
            ].joined(separator: "\n\n")
        }
    }

    /// SSS, SSC: one criterion of one minibatch item, with that criterion's critique.
    public static func separate(
        criterion: String, conversation: Conversation, critique: String, instruction: String
    ) -> String {
        [
            BackwardPreamble.text,
            PromptParts.tagged("ROLE", "The instruction for the criterion \"\(criterion)\" in the system prompt of a language model."),
            "Here is a conversation with the language model:",
            conversation.rendered,
            bridge,
            PromptParts.tagged("OBJECTIVE_FUNCTION", "\(objectiveLead)\n\n\(critique)"),
            """
            Give feedback on this span:
            <VARIABLE> \(instruction) </VARIABLE>
            \(threeParagraphs(about: "the instruction"))
            """,
        ].joined(separator: "\n\n")
    }

    /// SCC, CCC: every criterion of one minibatch item in one call. `critiques` are per criterion
    /// in criterion order; identical texts are shown once (see `feedbackBlocks`).
    public static func combined(
        criteria: [String], conversation: Conversation, critiques: [(criterion: String, text: String)],
        instructions: [String: String], labelSharedCritiquesWithAllCriteria: Bool
    ) -> String {
        let variable = criteria.map { "  \($0): \(instructions[$0] ?? "")" }.joined(separator: "\n")
        let blocks = feedbackBlocks(critiques, labelWithAll: labelSharedCritiquesWithAllCriteria)
        return [
            BackwardPreamble.text,
            PromptParts.tagged(
                "ROLE", "The instructions for the criteria \(criteria.joined(separator: ", ")) in the system prompt of a language model."),
            "Here is a conversation with the language model:",
            conversation.rendered,
            bridge,
            PromptParts.tagged("OBJECTIVE_FUNCTION", "\(objectiveLead)\n\n\(blocks)"),
            """
            Give feedback on this span:
            <VARIABLE>
            \(variable)
            </VARIABLE>
            \(threeParagraphs(about: "the instructions"))
            """,
        ].joined(separator: "\n\n")
    }

    /// Each distinct critique once, headed `Feedback for <criterion>:`, blank-line separated.
    /// Released behaviour: a text shared by several criteria (the CCC critique, copied to every
    /// criterion) is labelled with the first of them only. With `labelWithAll` (compat
    /// `dedupe_combined_gradients`) the label names every criterion sharing it.
    static func feedbackBlocks(_ critiques: [(criterion: String, text: String)], labelWithAll: Bool) -> String {
        var order: [String] = []
        var owners: [String: [String]] = [:]
        for critique in critiques {
            if owners[critique.text] == nil { order.append(critique.text) }
            owners[critique.text, default: []].append(critique.criterion)
        }
        return order.map { text in
            let names = owners[text] ?? []
            let label = labelWithAll ? names.joined(separator: ", ") : names.first ?? ""
            return "Feedback for \(label):\n\(text)"
        }.joined(separator: "\n\n")
    }

    private static let bridge = """
        This conversation is part of a larger system. The language model's output was used as its \
        prediction for the sample.
        """

    private static let objectiveLead = """
        Give feedback on the variable so as to address the following feedback on the language \
        model's output:
        """

    private static func threeParagraphs(about subject: String) -> String {
        """
        Write your feedback on \(subject) as exactly 3 paragraphs:
        1. What works in \(subject) and should be kept.
        2. Which problems in \(subject) caused the wrong predictions.
        3. Concrete strategies to improve \(subject) while keeping what works.
        """
    }
}
