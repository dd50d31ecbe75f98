import Foundation
import Testing

import ColliderCore

/// `JSONValue(parsing:)` must give exactly what `JSONDecoder` gives for `JSONValue`, which the
/// response parser used before.
struct JSONValueParseTests {
    static let documents: [String] = [
        "12", "12.0", "1e2", "1.5", "-0", "-0.0", "12345678901234567890", "1E400", "1.0e0", "0.1e1",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1e18",
        "1.5e1", "01", "-", "1.", ".5", #""a\u00e9\ud83d\ude00""#, #""\ud83d""#, #""\ude00""#, #"{"a":1,"a":2}"#,
        " [1 , 2 ] ", "[1,]", "nul", "\"\t\"", "tru", "1 2", #""\/""#, #"{"a":1}x"#, "[-1.25e-3]", "1e-400",
        "100000000000000000000.0", #"{"a":1,}"#, "[,1]", "[]", "{}", "[1,,2]", #""\x""#, "-01", "1.5E+2",
        #""\u0000""#, #"{"a" : [ ] , "b":{}}"#, "[1]]", "\u{FEFF}1", "1e", "-1e-2", "{,}", "[1 2]",
        #""\uD83D\uDE00""#, "1E+400", "-1E400", "\"\u{7f}\"", "true", "false", "null", #"{"a":null}"#, "",
        "  ", #"{"a"}"#, #"{"a":}"#, #"{1:2}"#, #""abc"#, #""a\"b\\c\n\r\t\b\f""#, "[[[[]]]]", "0", "-5",
        "3.14159", "2.5e-7", "[true,false,null]", #"{"x":{"y":[1,{"z":"é"}]}}"#, "\"日本\"", "[1,2",
        #"{"error":{"message":"Rate limit","type":"rate_limit","code":429}}"#,
        """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,\
        "message":{"role":"assistant","content":"{\\"fluency\\": 4, \\"coherence\\": 5}"},"finish_reason":"stop"}],\
        "usage":{"prompt_tokens":120,"completion_tokens":7,"total_tokens":127,"prompt_tokens_details":{"cached_tokens":64}}}
        """,
    ]

    @Test(arguments: documents)
    func matchesJSONDecoder(_ document: String) {
        let expected = try? JSONDecoder().decode(JSONValue.self, from: Data(document.utf8))
        #expect(JSONValue(parsing: Array(document.utf8)) == expected)
    }

    @Test func matchesJSONDecoderOnInvalidUTF8AndDeepNesting() {
        let invalid: [UInt8] = [0x22, 0xFF, 0x22]
        #expect(JSONValue(parsing: invalid) == (try? JSONDecoder().decode(JSONValue.self, from: Data(invalid))))
        for depth in [511, 512, 513] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(
                JSONValue(parsing: Array(deep.utf8))
                    == (try? JSONDecoder().decode(JSONValue.self, from: Data(deep.utf8))), "depth \(depth)")
        }
    }
}

/// `CanonicalJSON.encode(value:)` must write exactly the bytes of `CanonicalJSON.encode(_:)`: request
/// bodies and their hashes must not change.
struct CanonicalJSONValueTests {
    static var allControlAndASCII: String {
        var text = ""
        for byte in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        return text + "\u{85}\u{2028}\u{2029}\u{FEFF}é😀/e\u{301}"
    }

    static let values: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(-7), .int(.max), .int(.min),
        .double(0), .double(-0.0), .double(0.7), .double(1), .double(1e-7), .double(1e21), .double(1e16),
        .double(123456789.123), .double(0.1 + 0.2), .double(.leastNonzeroMagnitude), .double(1.7976931348623157e308),
        .double(100), .double(1e15), .double(2.5e-5), .double(-3.25),
        .string(allControlAndASCII), .string(""), .array([]), .object([:]),
        .object(Dictionary(
            uniqueKeysWithValues: ["a_b", "a1", "a10", "a2", "aB", "ab", "Ab", "A", "_x", "max_tokens", "messages",
                "model", "temperature", "top_p", "top_k", "seed", "a-b", "a.b", "z", "Z", "0", "10", "9", ""]
                .map { ($0, JSONValue.int(1)) })),
        .object(["é": .int(1), "z": .int(2), "y": .int(3)]),
        LLMRequestFixture.body,
    ]

    @Test(arguments: values)
    func matchesJSONEncoder(_ value: JSONValue) throws {
        #expect(try CanonicalJSON.encode(value: value) == CanonicalJSON.encode(value))
    }

    @Test func nonFiniteNumbersThrowAsBefore() {
        #expect(throws: (any Error).self) { try CanonicalJSON.encode(value: .double(.nan)) }
        #expect(throws: (any Error).self) { try CanonicalJSON.encode(value: .array([.double(.infinity)])) }
    }
}

private enum LLMRequestFixture {
    static var body: JSONValue {
        LLMRequest(
            role: .task, callKey: "k", taskID: "t", endpoint: "e", model: "gpt-4o-mini",
            prompt: "Line one\n\"quoted\" \\ back\tslash / é 😀", temperature: 0.7, maxTokens: 64, seed: 42,
            extraBody: ["response_format": .object(["type": .string("json_object")]), "top_p": .double(0.9)],
            timeoutSeconds: 30
        ).body
    }
}
