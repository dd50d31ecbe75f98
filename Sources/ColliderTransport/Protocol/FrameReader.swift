import Foundation

/// A cursor over a frame's bytes that reads literal text, a message type name, and JSON numbers
/// and strings (RFC 8259's grammar), for the frames read without the JSON decoder.
struct FrameReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    /// Consumes `literal` if the bytes continue with it.
    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let matches = literal.withUTF8Buffer { text in
            text.indices.allSatisfy { bytes[index + $0] == text[$0] }
        }
        if matches { index += count }
        return matches
    }

    /// A message type name: upper-case letters and underscores, up to the closing quote.
    mutating func typeName() -> MessageType? {
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "_") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index]) {
            index += 1
        }
        return MessageType(rawValue: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// A JSON integer (`-?(0|[1-9][0-9]*)`), as text.
    mutating func integer() -> String? {
        let start = index
        guard integerPart() else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A JSON number (integer, optional fraction, optional exponent), as text.
    mutating func number() -> String? {
        let start = index
        guard integerPart() else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A JSON string's content. Nil, leaving the caller to the JSON decoder, for anything but a
    /// string of valid UTF-8 with the short escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`,
    /// `\t`): `\u` escapes and raw control characters included.
    mutating func string() -> String? {
        guard skip("\"") else { return nil }
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                text.append(byte)
            }
        }
        return nil
    }

    /// A JSON string holding base64, as JSON carries `Data`; nil when it is not one.
    mutating func base64() -> Data? {
        string().flatMap { Data(base64Encoded: $0) }
    }

    /// A JSON object without spaces: `member` reads each key's value and says whether it could.
    /// False when the object is malformed or a member could not be read.
    mutating func object(_ member: (String, inout FrameReader) -> Bool) -> Bool {
        guard skip("{") else { return false }
        if skip("}") { return true }
        repeat {
            guard let key = string(), skip(":"), member(key, &self) else { return false }
        } while skip(",")
        return skip("}")
    }

    private mutating func integerPart() -> Bool {
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            return true
        }
        return digits() > 0
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
