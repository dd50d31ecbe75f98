import ColliderCore

/// Loss-stage prompts (reference §1.3). The loss LLM sees predictions, ground truths and the
/// comparison's verdict only: never the sample, the task prompt or an instruction.
public enum LossPrompt {
    /// S modes: one criterion of one minibatch item.
    public static func separate(criterion: String, prediction: Double?, groundTruth: Int) -> String {
        let shown = PromptParts.value(prediction)
        return [
            BackwardPreamble.text,
            PromptParts.tagged("ROLE", "The prediction of a language model for the criterion \"\(criterion)\"."),
            """
            A comparison function checks whether the prediction matches the ground truth for \
            \(criterion).
            \(PromptParts.tagged("INPUTS_TO_FUNCTION", """
            **Model prediction for \(criterion):** \(shown)
            **Ground truth for \(criterion):** \(groundTruth)
            """))
            \(PromptParts.tagged("OUTPUT_OF_FUNCTION", PromptParts.verdict(prediction: prediction, groundTruth: groundTruth)))
            """,
            objective,
            """
            Give feedback on this span:
            <VARIABLE> \(shown) </VARIABLE>
            If the prediction is correct, say why. Otherwise say what went wrong and what the \
            correct prediction should look like. Be concise.
            """,
        ].joined(separator: "\n\n")
    }

    /// C modes: every criterion of one minibatch item in one call.
    public static func combined(criteria: [String], predictions: [String: Double?], groundTruth: [String: Int]) -> String {
        let truth = { (criterion: String) in groundTruth[criterion] ?? 0 }
        let inputs =
            criteria.map { "**Model prediction for \($0):** \(PromptParts.value(predictions[$0] ?? nil))" }
            + criteria.map { "**Ground truth for \($0):** \(truth($0))" }
        let verdicts = criteria.map { "\($0): \(PromptParts.verdict(prediction: predictions[$0] ?? nil, groundTruth: truth($0)))" }
        let correct = criteria.filter { PromptParts.verdict(prediction: predictions[$0] ?? nil, groundTruth: truth($0)) == "CORRECT" }
        let names = criteria.joined(separator: ", ")
        return [
            BackwardPreamble.text,
            PromptParts.tagged("ROLE", "The predictions of a language model for the criteria \(names)."),
            """
            A comparison function checks, for each criterion, whether the prediction matches the \
            ground truth.
            \(PromptParts.tagged("INPUTS_TO_FUNCTION", inputs.joined(separator: "\n")))
            \(PromptParts.tagged("OUTPUT_OF_FUNCTION", (verdicts + ["Overall: \(correct.count) of \(criteria.count) correct."]).joined(separator: "\n")))
            """,
            objective,
            """
            Give feedback on this span:
            <VARIABLE>
            \(PromptParts.predictionLines(criteria: criteria, values: predictions))
            </VARIABLE>
            For each criterion, say why the prediction is correct if it is; otherwise say what \
            went wrong and what the correct prediction should look like. Be concise.
            """,
        ].joined(separator: "\n\n")
    }

    private static let objective = PromptParts.tagged(
        "OBJECTIVE_FUNCTION",
        "Criticize the variable in the light of this evaluation. Your only goal is to improve this metric.")
}
