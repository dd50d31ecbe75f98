/// The two LLM-judged diagnostics' prompts and score parsing (reference §8.4). The wording is
/// collider's own.
public enum JudgePrompt {
    /// How focused a gradient is on its target criterion, 1–10.
    public static func gradientSpecificity(criterion: String, criteria: [String], gradient: String) -> String {
        """
        You measure how focused a textual "gradient" (feedback meant to improve an evaluation \
        instruction) is on one evaluation criterion, as opposed to generic advice or advice that \
        belongs to other criteria.

        Target criterion: \(criterion)
        Possible criteria: \(criteria.joined(separator: ", "))

        Rate the gradient from 1 to 10:
        1 = completely generic, or mostly about other criteria;
        10 = entirely about the target criterion, with concrete fixes specific to it.

        ## Gradient
        \(gradient)

        Reply with a single integer from 1 to 10 and nothing else.
        """
    }

    /// Whether a revision of the criterion's instruction addressed the gradient, 1–10.
    public static func feedbackAdherence(criterion: String, old: String, new: String, gradient: String) -> String {
        """
        You evaluate whether a revision of an instruction addressed the feedback (the \
        "gradient") it was given. The instruction belongs to an LLM judge for the criterion \
        "\(criterion)". The gradient may hold suggestions for several criteria: consider only \
        those for "\(criterion)".

        Rate the revision from 1 to 10:
        1 = it ignores or contradicts the gradient;
        10 = it addresses every point precisely while keeping what worked.

        ## Old Instructions
        \(old)

        ## New Instructions
        \(new)

        ## Gradient
        \(gradient)

        Reply with a single integer from 1 to 10 and nothing else.
        """
    }

    /// The first standalone run of one or two digits in `reply`, when it is in 1…10; nil (the
    /// reference's −1, excluded) otherwise.
    public static func score(_ reply: String) -> Int? {
        var digits = ""
        for character in reply + " " {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            if !digits.isEmpty {
                guard digits.count <= 2, let value = Int(digits) else {
                    digits = ""
                    continue
                }
                return (1...10).contains(value) ? value : nil
            }
        }
        return nil
    }
}
