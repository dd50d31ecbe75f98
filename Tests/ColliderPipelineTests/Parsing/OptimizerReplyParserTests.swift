import ColliderPipeline
import Testing

/// Optimizer replies of reference §2.4.
struct OptimizerReplyParserTests {
    static let criteria = ["fluency", "coherence"]

    /// (reply, expected instructions, or nil for a parse error that triggers a re-sample)
    static let combined: [(String, [String: String]?)] = [
        ("{\"instructions\": {\"fluency\": \"A\", \"coherence\": \"B\"}}", ["fluency": "A", "coherence": "B"]),
        ("{\"instruction\": {\"fluency\": \"A\", \"coherence\": \"B\"}}", ["fluency": "A", "coherence": "B"]),
        ("{\"fluency\": \"A\", \"coherence\": \"B\"}", ["fluency": "A", "coherence": "B"]),
        ("```json\n{\"instructions\": {\"fluency\": \"A\", \"coherence\": \"B\"}}\n```", ["fluency": "A", "coherence": "B"]),
        ("Sure! Here you go:\n{\"fluency\": \"A\"}\nDone.", ["fluency": "A"]),
        ("{\"instructions\": {\"fluency\": {\"focus\": \"Grammar.\", \"scale\": {\"1\": \"bad\", \"5\": \"good\"}}, \"coherence\": \"B\"}}",
         ["fluency": "Grammar. bad good", "coherence": "B"]),
        ("{\"instructions\": {\"fluency\": \"Line one\nline two\", \"coherence\": \"Say \\\"why\\\"\"}}",
         ["fluency": "Line one line two", "coherence": "Say \"why\""]),
        ("{{\"fluency\": \"A\", \"coherence\": \"B\"}}", ["fluency": "A", "coherence": "B"]),
        ("{\"instructions\": {\"fluency\": \"A\", \"relevance\": \"C\"}}", ["fluency": "A"]),
        ("{\"instructions\": {\"fluency\": 3, \"coherence\": \"B\"}}", ["fluency": "3", "coherence": "B"]),
        ("", nil),
        ("I would change the fluency instruction to be stricter.", nil),
        ("{\"fluency\": \"A\", \"coherence\": }", nil),
        ("{\"fluency\": 4, \"coherence\": 5}", nil),
        ("{}", nil),
    ]

    @Test(arguments: combined)
    func parsesCombinedReplies(reply: String, expected: [String: String]?) {
        let result = OptimizerReplyParser.parseCombined(reply, criteria: Self.criteria)
        switch result {
        case .success(let instructions): #expect(instructions == expected)
        case .failure: #expect(expected == nil)
        }
    }

    @Test(arguments: [
        ("  \"Rate fluency strictly.\"  ", "Rate fluency strictly." as String?),
        ("\u{201C}Check grammar.\u{201D}\n", "Check grammar."),
        ("Rate 'fluency' by grammar.", "Rate 'fluency' by grammar."),
        ("  \n\"\" ", nil),
    ])
    func parsesSeparateReplies(reply: String, expected: String?) {
        #expect(OptimizerReplyParser.parseSeparate(reply) == expected)
    }
}
