/// The task LLM's prompt, laid out as reference-pipeline §2.2 describes: the frozen skeleton, the
/// output-format block, the instructions, then the sample and `## Response:`.
///
/// The wording of the appended skeleton sentence is collider's own; the structure and the
/// information are the reference's.
public struct TaskPrompt: Sendable, Equatable {
    /// The dataset's evaluation directive.
    public var directive: String
    /// Criteria in prompt order.
    public var criteria: [String]
    /// Instruction per criterion.
    public var instructions: [String: String]
    public var scale: Scale
    /// Whether the `## Output format` block is shown (decisions 1: always, unless the compat
    /// switch drops it after the first update).
    public var showsFormatBlock: Bool

    public init(
        directive: String, criteria: [String], instructions: [String: String], scale: Scale,
        showsFormatBlock: Bool = true
    ) {
        self.directive = directive
        self.criteria = criteria
        self.instructions = instructions
        self.scale = scale
        self.showsFormatBlock = showsFormatBlock
    }

    /// The sentence appended to the directive to form the skeleton (reference §2.1).
    public static let skeletonSentence =
        "Follow the Instructions below and output a JSON object with the requested scores. "
        + "Do not include reasoning or explanations."

    /// The skeleton: the directive, trimmed, and the fixed sentence.
    public var skeleton: String {
        directive.trimmingWhitespace() + "\n" + Self.skeletonSentence
    }

    /// The prompt without the sample: skeleton, format block, instructions; ends with a newline.
    public var renderedInstructions: String {
        var lines = [skeleton.trimmingWhitespace()]
        if showsFormatBlock {
            let choices = scale.values.map(String.init).joined(separator: "|")
            lines.append("")
            lines.append("## Output format (follow this EXACTLY):")
            lines.append("{")
            let fields = criteria.map { "  \"\($0)\": \(choices)" }
            lines.append(fields.joined(separator: ",\n"))
            lines.append("}")
        }
        lines.append("")
        lines.append("## Instructions:")
        for criterion in criteria {
            lines.append("- \(criterion): \(instructions[criterion] ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The full task prompt for one sample; `inputs` are (label, value) pairs in prompt order.
    public func render(inputs: [(label: String, value: String)]) -> String {
        let sample = inputs.map { "\($0.label): \($0.value)" }.joined(separator: "\n")
        return renderedInstructions + "\n\n## Sample:\n" + sample + "\n\n## Response:\n"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
