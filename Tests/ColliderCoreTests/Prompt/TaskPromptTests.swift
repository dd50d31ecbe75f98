import Testing

@testable import ColliderCore

struct TaskPromptTests {
    /// The layout of reference-pipeline §2.2, byte for byte: skeleton, blank line, format block,
    /// blank line, instructions with a trailing newline, two blank lines, the sample, a blank line,
    /// `## Response:` and a newline.
    @Test func rendersTheReferenceLayout() {
        let prompt = TaskPrompt(
            directive: "  Judge the summary.\n", criteria: ["fluency", "coherence"],
            instructions: ["fluency": "Rate from 1 to 5.", "coherence": "Check the order."],
            scale: Scale(min: 1, max: 5))
        let expected = """
            Judge the summary.
            \(TaskPrompt.skeletonSentence)

            ## Output format (follow this EXACTLY):
            {
              "fluency": 1|2|3|4|5,
              "coherence": 1|2|3|4|5
            }

            ## Instructions:
            - fluency: Rate from 1 to 5.
            - coherence: Check the order.


            ## Sample:
            Summary: s
            Source Text: t

            ## Response:

            """
        #expect(prompt.render(inputs: [("Summary", "s"), ("Source Text", "t")]) == expected)
    }

    @Test func formatBlockCanBeDropped() {
        var prompt = TaskPrompt(
            directive: "D", criteria: ["fluency"], instructions: ["fluency": "I"], scale: Scale(min: 0, max: 3))
        #expect(prompt.renderedInstructions.contains("\"fluency\": 0|1|2|3"))
        prompt.showsFormatBlock = false
        #expect(prompt.renderedInstructions == "D\n\(TaskPrompt.skeletonSentence)\n\n## Instructions:\n- fluency: I\n")
    }
}
