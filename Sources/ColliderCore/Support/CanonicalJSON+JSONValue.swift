import Foundation

extension CanonicalJSON {
    /// The same bytes as `encode(value)`, written directly rather than through `JSONEncoder`, for
    /// hot paths (the LLM client encodes every request body). Keys are sorted by their UTF-8 bytes,
    /// as `JSONEncoder`'s `.sortedKeys` sorts ASCII keys; a value with a non-ASCII key or a non-finite
    /// number goes through `JSONEncoder` (which throws on the latter). `CanonicalJSONValueTests`
    /// compares the two.
    public static func encode(value: JSONValue) throws -> Data {
        var writer = CanonicalJSONWriter()
        guard writer.write(value) else { return try encode(value) }
        return Data(writer.bytes)
    }
}

private struct CanonicalJSONWriter {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    /// Appends `value`; false when it needs `JSONEncoder`.
    mutating func write(_ value: JSONValue) -> Bool {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): bytes.append(contentsOf: String(number).utf8)
        case .double(let number):
            guard number.isFinite else { return false }
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        case .string(let text): writeString(text)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(item) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            var keys = Array(fields.keys)
            for key in keys where !key.utf8.allSatisfy({ $0 < 0x80 }) { return false }
            keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            bytes.append(UInt8(ascii: "{"))
            for (offset, key) in keys.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                guard write(fields[key]!) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `JSONEncoder`'s escaping with `.withoutEscapingSlashes`: quote, backslash and control
    /// characters; `\b \t \n \f \r` by name, the rest as `\u00xx`.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
