import ColliderCore

/// What the task LLM's reply said, after parsing (reference §3).
public struct TaskReply: Sendable, Equatable {
    /// Numeric values of the reply's top-level keys (extra keys included, case-sensitive).
    public var values: [String: Double]
    /// Why the reply could not be read as a JSON object; nil when it could.
    public var parseError: String?

    public init(values: [String: Double], parseError: String?) {
        self.values = values
        self.parseError = parseError
    }

    /// Why this reply does not count as a valid answer for `criteria` on `scale` (decisions 3), or
    /// nil when it holds every criterion with a number in the scale.
    public func problem(criteria: [String], scale: Scale) -> String? {
        if let parseError { return parseError }
        let missing = criteria.filter { values[$0] == nil }
        if !missing.isEmpty { return "missing criteria: \(missing.joined(separator: ", "))" }
        let outside = criteria.filter { values[$0].map { $0 < Double(scale.min) || $0 > Double(scale.max) } ?? false }
        if !outside.isEmpty { return "outside the scale: \(outside.joined(separator: ", "))" }
        return nil
    }
}

/// Reads the task LLM's reply as reference §3 describes: trim, take a fenced block's inner text
/// when it holds a `{`, cut from the first `{` to the last `}`, strip quotes, parse as JSON (again
/// with doubled braces collapsed), then keep the top-level numbers and numeric strings.
///
/// One departure: a reply that is, once trimmed, a JSON object is read as that object. The
/// reference's fence search would otherwise find a ```` ``` ```` inside one of its strings and
/// cut the object apart (found by fuzzing, `FuzzRegressions/reply-parser/fence-inside-a-key.txt`).
public enum TaskReplyParser {
    /// The reply's numeric values, or its parse error.
    public static func parse(_ reply: String) -> TaskReply {
        let trimmed = ReplyText.trim(reply)
        if trimmed.hasPrefix("{"), case .object(let members)? = OrderedJSON.parse(trimmed) {
            return TaskReply(values: numbers(in: members), parseError: nil)
        }
        let body = ReplyText.fencedJSONBody(trimmed) ?? trimmed
        guard let braced = ReplyText.braced(body) else {
            return TaskReply(values: [:], parseError: "no JSON object in the reply")
        }
        let candidate = ReplyText.strip(braced, quotes: ReplyText.jsonQuotes)
        guard let json = ReplyText.parseLenient(candidate) else {
            return TaskReply(values: [:], parseError: "the reply's JSON does not parse")
        }
        guard case .object(let members) = json else {
            return TaskReply(values: [:], parseError: "the reply's JSON is not an object")
        }
        return TaskReply(values: numbers(in: members), parseError: nil)
    }

    /// The numbers and numeric strings among an object's top-level members.
    private static func numbers(in members: [(key: String, value: OrderedJSON)]) -> [String: Double] {
        var values: [String: Double] = [:]
        for (key, value) in members {
            switch value {
            case .number(let number): values[key] = number
            case .string(let text):
                if let number = Double(ReplyText.trim(text)), number.isFinite { values[key] = number }
            default: continue
            }
        }
        return values
    }
}
