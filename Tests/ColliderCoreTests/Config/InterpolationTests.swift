import Testing

@testable import ColliderCore

struct InterpolationTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("${A}/x", "alpha/x"),
        ("${MISSING:-fallback}", "fallback"),
        ("${EMPTY:-fallback}", "fallback"),
        ("${EMPTY}", ""),
        ("${A:-unused}", "alpha"),
        ("$$HOME costs $$5", "$HOME costs $5"),
        ("a lone $ stays", "a lone $ stays"),
        ("${A}${A}", "alphaalpha"),
    ])
    func expands(_ text: String, _ expected: String) {
        let result = Interpolation.expand(text, environment: ["A": "alpha", "EMPTY": ""], secrets: [])
        #expect(result.text == expected)
        #expect(result.failures.isEmpty)
    }

    @Test func reportsEveryFailure() {
        let result = Interpolation.expand(
            "${NOPE} ${1BAD} ${KEY} ${OPEN", environment: ["KEY": "secret"], secrets: ["KEY"])
        #expect(
            result.failures == [
                .undefined(name: "NOPE"), .invalidName(reference: "${1BAD}"), .secret(name: "KEY"), .unterminated,
            ])
        #expect(!result.text.contains("secret"))
    }

    @Test func suggestsNearKeys() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.suggestion(for: "stepz", among: ["batch_size", "steps"]) == "steps")
        #expect(EditDistance.suggestion(for: "temperature", among: ["steps", "seeds"]) == nil)
    }
}
