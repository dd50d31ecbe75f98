import ColliderCore
import ColliderPipeline
import Testing

/// Task replies of reference §3 and the validity rule of decisions 3.
struct TaskReplyParserTests {
    static let criteria = ["fluency", "coherence"]
    static let scale = Scale(min: 1, max: 5)

    /// (reply, expected values or nil for a parse error, valid for both criteria on 1…5)
    static let table: [(String, [String: Double]?, Bool)] = [
        ("{\"fluency\": 4, \"coherence\": 3}", ["fluency": 4, "coherence": 3], true),
        ("```json\n{\"fluency\": 5, \"coherence\": 2}\n```", ["fluency": 5, "coherence": 2], true),
        ("```\n{\"fluency\": 1, \"coherence\": 1}\n```", ["fluency": 1, "coherence": 1], true),
        ("Here are my scores:\n{\"fluency\": 4, \"coherence\": 4}\nI hope this helps.", ["fluency": 4, "coherence": 4], true),
        ("{{\"fluency\": 3, \"coherence\": 5}}", ["fluency": 3, "coherence": 5], true),
        ("{\"fluency\": \"4\", \"coherence\": \" 2 \"}", ["fluency": 4, "coherence": 2], true),
        ("{\"fluency\": 4.5, \"coherence\": \"3.5\"}", ["fluency": 4.5, "coherence": 3.5], true),
        ("{\"fluency\": 4}", ["fluency": 4], false),
        ("{\"Fluency\": 4, \"coherence\": 3}", ["Fluency": 4, "coherence": 3], false),
        ("{\"fluency\": 6, \"coherence\": 3}", ["fluency": 6, "coherence": 3], false),
        ("{\"fluency\": 0, \"coherence\": 3}", ["fluency": 0, "coherence": 3], false),
        ("{\"fluency\": true, \"coherence\": null}", [:], false),
        ("{\"fluency\": \"good\", \"coherence\": {\"score\": 3}}", [:], false),
        ("{\"fluency\": 4, \"coherence\": 3, \"note\": \"extra\", \"relevance\": 2}", ["fluency": 4, "coherence": 3, "relevance": 2], true),
        ("I cannot rate this summary.", nil, false),
        ("", nil, false),
        ("{\"fluency\": 4, \"coherence\": }", nil, false),
        ("[4, 3]", nil, false),
        // The fenced block wins over braces in the prose after it.
        ("```json\n{\"fluency\": 2, \"coherence\": 3}\n```\nExplanation: {not json}", ["fluency": 2, "coherence": 3], true),
        ("\u{201C}{\"fluency\": 3, \"coherence\": 3}\u{201D}", ["fluency": 3, "coherence": 3], true),
        // A reply that is a JSON object is read whole, even with a fence inside one of its strings.
        ("{\"a```b\": 1, \"fluency\": 2, \"coherence {x}\": 3, \"coherence\": 4}", ["a```b": 1, "fluency": 2, "coherence {x}": 3, "coherence": 4], true),
    ]

    @Test(arguments: table)
    func parses(reply: String, expected: [String: Double]?, valid: Bool) {
        let parsed = TaskReplyParser.parse(reply)
        if let expected {
            #expect(parsed.parseError == nil)
            #expect(parsed.values == expected)
        } else {
            #expect(parsed.parseError != nil)
            #expect(parsed.values.isEmpty)
        }
        #expect((parsed.problem(criteria: Self.criteria, scale: Self.scale) == nil) == valid)
    }
}
