import ColliderCore
import Foundation

/// A chat-completion request as far as the simulator reads it.
struct ChatRequest: Sendable {
    /// The parsed body, for the request key.
    let body: JSONValue
    /// The `model` field, echoed back.
    let model: String
    /// The messages' texts joined by newlines.
    let prompt: String

    /// Parses `data`; throws a message for the 400 reply when it is not a chat request.
    init(data: Data) throws(InvalidRequest) {
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: data), case .object(let fields) = body else {
            throw InvalidRequest(message: "The request body is not a JSON object.")
        }
        guard case .array(let messages)? = fields["messages"], !messages.isEmpty else {
            throw InvalidRequest(message: "'messages' must be a non-empty array.")
        }
        var texts: [String] = []
        for message in messages {
            guard case .object(let message) = message else {
                throw InvalidRequest(message: "Each message must be an object.")
            }
            switch message["content"] {
            case .string(let text)?: texts.append(text)
            case .array(let parts)?:
                for case .object(let part) in parts {
                    if case .string(let text)? = part["text"] { texts.append(text) }
                }
            default: throw InvalidRequest(message: "Each message needs a 'content' string.")
            }
        }
        self.body = body
        if case .string(let model)? = fields["model"] { self.model = model } else { self.model = "collider-sim" }
        prompt = texts.joined(separator: "\n")
    }
}

/// Why a request was refused with 400.
struct InvalidRequest: Error, Sendable {
    let message: String
}

/// An OpenAI-shaped `chat.completion` response body.
struct ChatCompletion: Codable, Sendable {
    struct Choice: Codable, Sendable {
        var index: Int
        var message: Message
        var finishReason: String

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    struct Message: Codable, Sendable {
        var role: String
        var content: String
    }

    struct Usage: Codable, Sendable {
        var promptTokens: Int
        var completionTokens: Int
        var totalTokens: Int
        var promptTokensDetails: Details

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
            case promptTokensDetails = "prompt_tokens_details"
        }
    }

    struct Details: Codable, Sendable {
        var cachedTokens: Int

        enum CodingKeys: String, CodingKey {
            case cachedTokens = "cached_tokens"
        }
    }

    var id: String
    var object = "chat.completion"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: Usage

    init(id: String, model: String, content: String, promptTokens: Int, completionTokens: Int) {
        self.id = id
        created = Int(Date().timeIntervalSince1970)
        self.model = model
        choices = [Choice(index: 0, message: Message(role: "assistant", content: content), finishReason: "stop")]
        usage = Usage(
            promptTokens: promptTokens, completionTokens: completionTokens,
            totalTokens: promptTokens + completionTokens, promptTokensDetails: Details(cachedTokens: 0))
    }
}

/// Token counts as the simulator bills them: a token per 4 characters, rounded up.
enum TokenCount {
    /// The tokens of `text`.
    static func of(_ text: String) -> Int {
        (text.count + 3) / 4
    }
}
