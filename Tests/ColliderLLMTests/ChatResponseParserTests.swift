import Testing

import ColliderCore
@testable import ColliderLLM

struct ChatResponseParserTests {
    private func parse(_ status: Int, _ body: String) -> ChatResponse {
        ChatResponseParser.parse(status: status, body: Array(body.utf8))
    }

    @Test func readsContentFinishReasonAndOpenAIUsage() {
        let body = """
            {"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"{\\"coherence\\": 4}"},
            "finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":7,"total_tokens":127,
            "prompt_tokens_details":{"cached_tokens":64}}}
            """
        #expect(
            parse(200, body)
                == .completion(
                    content: #"{"coherence": 4}"#, finishReason: "stop",
                    usage: Usage(promptTokens: 120, completionTokens: 7, cachedTokens: 64)))
    }

    @Test func readsDeepSeekCacheHits() {
        let body = """
            {"choices":[{"message":{"content":"ok"},"finish_reason":"length"}],
            "usage":{"prompt_tokens":50,"completion_tokens":2,"prompt_cache_hit_tokens":32,"prompt_cache_miss_tokens":18}}
            """
        #expect(
            parse(200, body)
                == .completion(
                    content: "ok", finishReason: "length",
                    usage: Usage(promptTokens: 50, completionTokens: 2, cachedTokens: 32)))
    }

    @Test func missingUsageIsNil() {
        #expect(
            parse(200, #"{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]}"#)
                == .completion(content: "hi", finishReason: "stop", usage: nil))
    }

    @Test func nullContentIsNil() {
        let body = #"{"choices":[{"message":{"content":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":3}}"#
        #expect(
            parse(200, body)
                == .completion(content: nil, finishReason: "stop", usage: Usage(promptTokens: 3)))
    }

    @Test(arguments: [#"{"choices":[{"message":"#, "<html>Bad Gateway</html>", ""])
    func malformedSuccessBodies(body: String) {
        guard case .malformed = parse(200, body) else {
            Issue.record("expected .malformed for \(body)")
            return
        }
    }

    @Test func noChoicesIsMalformed() {
        #expect(
            parse(200, #"{"object":"chat.completion","choices":[]}"#)
                == .malformed(reason: "response has no choices[0]"))
    }

    @Test(arguments: [
        (400, #"{"error":{"message":"model not found","type":"invalid_request_error"}}"#, "model not found"),
        (429, #"{"error":"slow down"}"#, "slow down"),
        (422, #"{"detail":"bad field"}"#, "bad field"),
        (503, "upstream unavailable", "upstream unavailable"),
        (200, #"{"error":{"message":"provider returned error","code":502}}"#, "provider returned error"),
    ])
    func errorBodies(status: Int, body: String, message: String) {
        #expect(parse(status, body) == .error(message: message))
    }

    @Test func emptyErrorBodyNamesTheStatus() {
        #expect(parse(502, "") == .error(message: "HTTP 502 with an empty body"))
    }
}
