import ColliderCore

/// Optimizer-stage prompts (reference §1.5). The optimizer sees the prompt, the minibatch
/// conversations and the gradients; never the ground truths.
public enum OptimizerPrompt {
    /// One minibatch item as the optimizer sees it.
    public struct Conversation: Sendable, Equatable {
        /// The sample's `Label: value` lines.
        public var input: String
        /// The raw task reply (C) or `criterion: value` (S).
        public var output: String

        public init(input: String, output: String) {
            self.input = input
            self.output = output
        }
    }

    /// Gradients shown under one header of the `<FEEDBACK>` block.
    public struct FeedbackGroup: Sendable, Equatable {
        /// The criteria the header names.
        public var criteria: [String]
        public var gradients: [String]

        public init(criteria: [String], gradients: [String]) {
            self.criteria = criteria
            self.gradients = gradients
        }
    }

    /// SSC, SCC, CCC, Single: one call; the reply is a JSON object of every criterion's instruction.
    public static func combined(
        criteria: [String], instructions: [String: String], systemPrompt: String,
        conversations: [Conversation], feedback: [FeedbackGroup]
    ) -> String {
        let variable = "{\n" + criteria.map {
            "  \(PromptParts.jsonString($0)): \(PromptParts.jsonString(instructions[$0] ?? ""))"
        }.joined(separator: ",\n") + "\n}"
        let groups = feedback.map { group in
            let names = group.criteria.map { "'\($0)'" }.joined(separator: ", ")
            let header = group.criteria.count == 1 ? "Feedback for criterion \(names):" : "Feedback for criteria \(names):"
            return ([header] + group.gradients.map { "  - \($0)" }).joined(separator: "\n")
        }
        let shape = "{\"instructions\": {" + criteria.map { "\(PromptParts.jsonString($0)): \"...\"" }.joined(separator: ", ") + "}}"
        return [
            OptimizerPreamble.text,
            PromptParts.tagged("ROLE", "The instructions for the criteria \(criteria.joined(separator: ", ")) in the system prompt of a language model."),
            "The current value of the variable:",
            PromptParts.tagged("VARIABLE", variable),
            context(systemPrompt: systemPrompt, conversations: conversations, subject: "the instructions",
                    feedback: groups.joined(separator: "\n---\n")),
            """
            Improve the instructions using the feedback. Reply with a JSON object of this shape and \
            nothing else, one improved instruction per criterion:
            \(shape)
            """,
        ].joined(separator: "\n\n")
    }

    /// SSS: one call per criterion over that criterion's view of the minibatch; the reply is the
    /// instruction as plain text.
    public static func separate(
        criterion: String, instruction: String, systemPrompt: String, conversations: [Conversation],
        gradients: [String]
    ) -> String {
        [
            OptimizerPreamble.text,
            PromptParts.tagged("ROLE", "The instruction for the criterion \"\(criterion)\" in the system prompt of a language model."),
            "The current value of the variable:",
            PromptParts.tagged("VARIABLE", instruction),
            context(systemPrompt: systemPrompt, conversations: conversations, subject: "the instruction",
                    feedback: gradients.map { "  - \($0)" }.joined(separator: "\n")),
            """
            Improve the instruction using the feedback. Reply with the improved instruction text \
            only: no JSON, no quotes, no headings or other formatting.
            """,
        ].joined(separator: "\n\n")
    }

    private static func context(systemPrompt: String, conversations: [Conversation], subject: String, feedback: String) -> String {
        let parts =
            [PromptParts.tagged("LM_SYSTEM_PROMPT", systemPrompt)]
            + conversations.map {
                PromptParts.tagged(
                    "CONVERSATION",
                    PromptParts.tagged("LM_INPUT", $0.input) + "\n" + PromptParts.tagged("LM_OUTPUT", $0.output))
            }
            + ["Here is the feedback on \(subject):", PromptParts.tagged("FEEDBACK", feedback)]
        return PromptParts.tagged("CONTEXT", parts.joined(separator: "\n\n"))
    }
}
