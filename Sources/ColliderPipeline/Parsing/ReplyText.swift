import ColliderCore

/// Text clean-up shared by the task-reply and optimizer-reply parsers (reference §2.4 and §3).
enum ReplyText {
    /// Quote characters stripped around a JSON candidate: straight, curly and angle quotes.
    static let jsonQuotes: Set<Character> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}", "\u{2039}", "\u{203A}"]

    /// Quote characters stripped around a plain-text instruction (SSS): straight and curly quotes.
    static let plainQuotes: Set<Character> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]

    /// The inner text of the first fenced code block (optionally tagged, e.g. ```json) when it
    /// holds a `{`; otherwise nil.
    static func fencedJSONBody(_ text: String) -> String? {
        guard let open = text.range(of: "```") else { return nil }
        var body = text[open.upperBound...]
        if let newline = body.firstIndex(of: "\n"), body[..<newline].allSatisfy({ $0.isLetter }) {
            body = body[body.index(after: newline)...]
        } else if body.hasPrefix("json") {
            body = body.dropFirst(4)
        }
        let inner = body.range(of: "```").map { body[..<$0.lowerBound] } ?? body
        return inner.contains("{") ? String(inner) : nil
    }

    /// The substring from the first `{` to the last `}`, or nil when there is none.
    static func braced(_ text: String) -> String? {
        guard let first = text.firstIndex(of: "{"), let last = text.lastIndex(of: "}"), first < last else {
            return nil
        }
        return String(text[first...last])
    }

    /// `text` without leading and trailing whitespace and characters of `quotes`.
    static func strip(_ text: String, quotes: Set<Character>) -> String {
        let isStripped: (Character) -> Bool = { $0.isWhitespace || quotes.contains($0) }
        guard let first = text.firstIndex(where: { !isStripped($0) }),
            let last = text.lastIndex(where: { !isStripped($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// `text` without leading and trailing whitespace.
    static func trim(_ text: String) -> String {
        strip(text, quotes: [])
    }

    /// Parses the JSON candidate, retrying once with doubled braces collapsed (`{{` → `{`).
    static func parseLenient(_ candidate: String) -> OrderedJSON? {
        if let value = OrderedJSON.parse(candidate) { return value }
        let collapsed = candidate.replacing("{{", with: "{").replacing("}}", with: "}")
        return OrderedJSON.parse(collapsed)
    }
}
