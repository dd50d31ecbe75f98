/// Writes one JSONL line the way Python's `json.dumps(obj, ensure_ascii=False)` does: `", "` and
/// `": "` separators, non-ASCII as UTF-8, top-level keys in the order given, nested object keys
/// sorted. collider's data files (`data/synthetic.jsonl`, imported SummEval) are written with it,
/// so they read naturally and match `../shared/data/summeval/summeval.jsonl` byte for byte.
enum JSONLine {
    /// The line for `fields`, without a trailing newline.
    static func render(_ fields: [(key: String, value: JSONValue)]) -> String {
        var out = "{"
        for (position, field) in fields.enumerated() {
            if position > 0 { out += ", " }
            appendString(field.key, to: &out)
            out += ": "
            append(field.value, to: &out)
        }
        return out + "}"
    }

    private static func append(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .int(let int): out += String(int)
        // Swift's and Python's float repr are both the shortest round-tripping form ("3.0", "4.666666666666667").
        case .double(let double): out += double.description
        case .string(let text): appendString(text, to: &out)
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += ", " }
                append(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (position, key) in object.keys.sorted().enumerated() {
                if position > 0 { out += ", " }
                appendString(key, to: &out)
                out += ": "
                append(object[key] ?? .null, to: &out)
            }
            out += "}"
        }
    }

    private static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
