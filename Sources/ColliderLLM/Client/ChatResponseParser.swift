import ColliderCore
import Foundation

/// What a chat-completions response body says.
public enum ChatResponse: Sendable, Equatable {
    /// A completion; `content` is nil when the server sent `null`.
    case completion(content: String?, finishReason: String?, usage: Usage?)
    /// The server reported an error, with its message (or the start of a non-JSON body).
    case error(message: String)
    /// A success status whose body is not a usable completion.
    case malformed(reason: String)
}

/// Parses OpenAI-compatible `POST /chat/completions` responses. Pure: bytes in, value out.
public enum ChatResponseParser {
    /// Longest excerpt of an unparseable body kept in a message.
    static let excerptLength = 300

    /// Reads `body` as a response with HTTP status `status`.
    public static func parse(status: Int, body: [UInt8]) -> ChatResponse {
        let json = JSONValue(parsing: body)
        let success = (200..<300).contains(status)
        guard let json else {
            let excerpt = excerpt(of: body)
            return success
                ? .malformed(reason: "response body is not JSON: \(excerpt)")
                : .error(message: excerpt.isEmpty ? "HTTP \(status) with an empty body" : excerpt)
        }
        if let message = errorMessage(in: json) { return .error(message: message) }
        guard success else { return .error(message: "HTTP \(status): \(excerpt(of: body))") }
        guard let choice = json["choices"]?[0] else {
            return .malformed(reason: "response has no choices[0]")
        }
        let content = choice["message"]?["content"]?.stringValue
        let finishReason = choice["finish_reason"]?.stringValue
        return .completion(content: content, finishReason: finishReason, usage: usage(in: json))
    }

    /// `usage`, with cached prompt tokens from OpenAI's `prompt_tokens_details.cached_tokens` or
    /// DeepSeek's `prompt_cache_hit_tokens`; nil when the server sent none.
    static func usage(in json: JSONValue) -> Usage? {
        guard let usage = json["usage"], case .object = usage else { return nil }
        let cached =
            usage["prompt_tokens_details"]?["cached_tokens"]?.intValue
            ?? usage["prompt_cache_hit_tokens"]?.intValue ?? 0
        return Usage(
            promptTokens: usage["prompt_tokens"]?.intValue ?? 0,
            completionTokens: usage["completion_tokens"]?.intValue ?? 0,
            cachedTokens: cached)
    }

    /// The message of `{"error":{"message":…}}`, `{"error":"…"}` or `{"message":…}` bodies.
    static func errorMessage(in json: JSONValue) -> String? {
        if let error = json["error"] {
            if let text = error.stringValue { return text }
            if let text = error["message"]?.stringValue { return text }
            if case .null = error { return nil }
            return "error: \(String(decoding: (try? CanonicalJSON.encode(error)) ?? Data(), as: UTF8.self))"
        }
        if json["choices"] == nil, let text = json["message"]?.stringValue ?? json["detail"]?.stringValue {
            return text
        }
        return nil
    }

    private static func excerpt(of body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(excerptLength * 4), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > excerptLength ? String(text.prefix(excerptLength)) + "…" : text
    }
}
