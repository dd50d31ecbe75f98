import ColliderCore

/// Why a combined optimizer reply could not be read; each one triggers a re-sample (reference §2.4).
public enum OptimizerParseError: String, Error, Sendable, Equatable, Codable {
    case empty = "empty reply"
    case noObject = "no JSON object in the reply"
    case invalidJSON = "the reply's JSON does not parse"
    case noInstructions = "no instructions map in the reply"
}

/// Reads optimizer replies back into instructions (reference §2.4).
public enum OptimizerReplyParser {
    /// The instructions of a combined optimizer's JSON reply, restricted to `criteria`; criteria
    /// the reply leaves out are absent from the result (the stage decides the fallback,
    /// decisions 7).
    public static func parseCombined(_ reply: String, criteria: [String]) -> Result<[String: String], OptimizerParseError> {
        let trimmed = ReplyText.trim(reply)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        let body = ReplyText.fencedJSONBody(trimmed) ?? trimmed
        guard let braced = ReplyText.braced(body) else { return .failure(.noObject) }
        let flattened = ReplyText.strip(braced.replacing("\n", with: " "), quotes: ReplyText.jsonQuotes)
        guard let json = ReplyText.parseLenient(flattened) else { return .failure(.invalidJSON) }
        guard let map = instructionsMap(json) else { return .failure(.noInstructions) }
        var instructions: [String: String] = [:]
        for (key, value) in map where criteria.contains(key) {
            instructions[key] = text(of: value)
        }
        return .success(instructions)
    }

    /// The instruction of a separate (SSS) optimizer's plain-text reply: the reply without
    /// surrounding whitespace and quotes; nil when nothing is left.
    public static func parseSeparate(_ reply: String) -> String? {
        let instruction = ReplyText.strip(reply, quotes: ReplyText.plainQuotes)
        return instruction.isEmpty ? nil : instruction
    }

    /// `instructions`, else `instruction`, when it holds an object; else the top level when it is
    /// a non-empty object of strings and objects.
    private static func instructionsMap(_ json: OrderedJSON) -> [(key: String, value: OrderedJSON)]? {
        for key in ["instructions", "instruction"] {
            if case .object(let members)? = json[key] { return members }
        }
        guard case .object(let members) = json, !members.isEmpty else { return nil }
        let usable = members.allSatisfy {
            switch $0.value {
            case .string, .object: true
            default: false
            }
        }
        return usable ? members : nil
    }

    /// A value as instruction text: strings as they are, objects as their leaf values joined by
    /// single spaces (recursively), anything else stringified.
    static func text(of value: OrderedJSON) -> String {
        switch value {
        case .string(let text): text
        case .object(let members): members.map { text(of: $0.value) }.joined(separator: " ")
        case .null: "None"
        case .bool(let flag): flag ? "True" : "False"
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .array(let elements): "[" + elements.map { text(of: $0) }.joined(separator: ", ") + "]"
        }
    }
}
