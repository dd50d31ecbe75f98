import Foundation

/// Prompts laid out as the pipeline renders them (reference §1.3–§1.5, §2.2, §8.4).
enum Prompts {
    static let source = """
        The city council of Springfield approved a new budget of 45 million dollars on Monday. \
        Mayor Helen Carter said the budget funds three new schools and repairs to the Main Street bridge. \
        The council voted 7 to 2 in favour of the budget. Critics said the schools budget was too small. \
        The new schools will open in 2026, and the bridge repairs will start next spring. \
        Carter thanked the council and promised that the budget would keep taxes unchanged.
        """

    static let fluentSummary = """
        The Springfield council approved a budget of 45 million dollars. Mayor Helen Carter said it \
        funds three new schools and repairs to the Main Street bridge. The schools will open in 2026.
        """

    static let brokenSummary = """
        however the the council approved approved a budget,, and mayor Carter carter said said that \
        that the schools and and the bridge bridge and taxes and the vote and the critics and the \
        spring and the money and the city and the council and the schools and the repairs and more .. \
        the the schools open open..
        """

    static let criteria = ["fluency", "consistency", "relevance", "coherence"]

    /// A task prompt (§2.2) with the output-format block and one instruction per criterion.
    static func task(
        summary: String, instructions: [String: String] = [:], formatValues: String? = "1|2|3|4|5",
        criteria: [String] = criteria
    ) -> String {
        var text = """
            You are a careful, calibrated evaluator.
            ## Task
            Evaluate the Summary given the Source Text using the Instructions.
            1. Consider every strength and flaw.
            2. Assign a value based on the number and severity of strengths and flaws.
            Use the Instructions below and output a JSON with the requested scores, without reasoning.
            """
        if let formatValues {
            text += "\n\n## Output format (follow this EXACTLY):\n{\n"
            text += criteria.map { "  \"\($0)\": \(formatValues)" }.joined(separator: ",\n") + "\n}"
        }
        text += "\n\n## Instructions:\n"
        text += criteria.map { "- \($0): \(instructions[$0] ?? "Rate from 1 to 5.")" }.joined(separator: "\n")
        text += "\n\n\n## Sample:\nSummary: \(summary)\nSource Text: \(source)\n\n## Response:\n"
        return text
    }

    /// A combined optimizer prompt (§1.5) asking for the JSON dictionary.
    static let optimizerJSON = """
        You are part of an optimization system that improves a variable.
        <ROLE> task instructions in the system prompt of a language model </ROLE>
        <VARIABLE> {
          "fluency": "Rate from 1 to 5.",
          "coherence": "Rate from 1 to 5."
        } </VARIABLE>
        <CONTEXT> <FEEDBACK> Feedback for task 'fluency':
          - be more specific
        ---
        Feedback for task 'coherence':
          - be more specific </FEEDBACK> </CONTEXT>
        Output exactly one improved instruction set as a single JSON dictionary with this structure:
        {"instructions": {"<task>": "Improved instruction for <task> based on the feedback provided."}}
        """

    /// A separate-mode optimizer prompt (§1.5, SSS) asking for plain text.
    static let optimizerPlain = """
        You are part of an optimization system that improves a variable.
        <ROLE> the instruction for the relevance task </ROLE>
        <VARIABLE> Rate from 1 to 5. </VARIABLE>
        <CONTEXT> <LM_SYSTEM_PROMPT> ## Instructions:
        - relevance: Rate from 1 to 5.
        </LM_SYSTEM_PROMPT> </CONTEXT>
        Output only the improved instruction text, with no JSON, quotes or other formatting.
        """

    /// An S-mode loss prompt (§1.3).
    static let loss = """
        You are the gradient engine. <ROLE> the prediction of the language model for the task coherence </ROLE>
        <INPUTS_TO_FUNCTION> **Prediction**: 2 **Ground truth**: 4 </INPUTS_TO_FUNCTION>
        <OUTPUT_OF_FUNCTION> INCORRECT (difference: 2.00) </OUTPUT_OF_FUNCTION>
        <OBJECTIVE_FUNCTION> Criticize the variable. </OBJECTIVE_FUNCTION>
        Give feedback on <VARIABLE> 2 </VARIABLE>. Be concise.
        """

    /// A combined gradient prompt (§1.4).
    static let gradient = """
        You are the gradient engine. <LM_SYSTEM_PROMPT> ## Instructions:
        - fluency: Rate from 1 to 5.
        - consistency: Rate from 1 to 5.
        </LM_SYSTEM_PROMPT>
        <OBJECTIVE_FUNCTION> Feedback for fluency: too high </OBJECTIVE_FUNCTION>
        Give feedback on <VARIABLE>  fluency: Rate from 1 to 5.
          consistency: Rate from 1 to 5. </VARIABLE> written as exactly 3 paragraphs.
        """

    /// A gradient-specificity judge prompt (§8.4).
    static let judge = """
        Rate how focused this gradient is on the task fluency, from 1 to 10. Reply with a single integer.
        ## Gradient
        Check grammar and punctuation in every sentence.
        """

    /// A chat-completion body with one user message.
    static func body(_ prompt: String, model: String = "sim-model", temperature: Double = 0.1) -> Data {
        let object: [String: Any] = [
            "model": model, "temperature": temperature,
            "messages": [["role": "user", "content": prompt]],
        ]
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
