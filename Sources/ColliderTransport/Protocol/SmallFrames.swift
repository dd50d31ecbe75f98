/// The small fixed-shape messages sent several times per task — ACK, CREDIT, PING, PONG, DRAIN —
/// written and read directly: the same JSON the encoder writes, without its per-message cost.
/// Reading accepts exactly the shape written here; any other spelling of the same message (other
/// key order, spaces, an exponent) goes to the JSON decoder, which also names what is wrong with
/// a malformed frame.
extension FrameCodec {
    /// The frame of an ACK, CREDIT, PING, PONG or DRAIN envelope; nil for every other message,
    /// and for a non-finite heartbeat time.
    static func smallFrame(_ envelope: Envelope) -> [UInt8]? {
        let body: String
        switch envelope.message {
        case .ack(let ack): body = #"{"msg_id":\#(ack.msgID)}"#
        case .credit(let credit): body = #"{"n":\#(credit.n)}"#
        case .drain: body = "{}"
        case .ping(let heartbeat), .pong(let heartbeat):
            guard heartbeat.sentAt.isFinite else { return nil }
            let known = heartbeat.known.map { #","known":\#($0)"# } ?? ""
            body = #"{"sent_at":\#(heartbeat.sentAt)\#(known)}"#
        default:
            return nil
        }
        let type = envelope.message.type.rawValue
        return Array(#"{"v":\#(envelope.version),"type":"\#(type)","msg_id":\#(envelope.msgID),"body":\#(body)}"#.utf8)
    }

    /// The envelope of a frame in exactly the shape `smallFrame` writes, under the current
    /// protocol version; nil for anything else.
    static func smallEnvelope(_ bytes: [UInt8]) -> Envelope? {
        guard bytes.count <= 160 else { return nil }
        var reader = SmallFrameReader(bytes: bytes)
        guard reader.skip(#"{"v":"#), let version = reader.integer().flatMap({ Int($0) }),
            version == ProtocolVersion.current, reader.skip(#","type":""#), let type = reader.typeName(),
            reader.skip(#"","msg_id":"#), let msgID = reader.integer().flatMap({ UInt64($0) }), reader.skip(#","body":"#)
        else { return nil }
        let message: Message
        switch type {
        case .ack:
            guard reader.skip(#"{"msg_id":"#), let id = reader.integer().flatMap({ UInt64($0) }) else { return nil }
            message = .ack(Ack(msgID: id))
        case .credit:
            guard reader.skip(#"{"n":"#), let n = reader.integer().flatMap({ Int($0) }) else { return nil }
            message = .credit(Credit(n: n))
        case .ping, .pong:
            guard reader.skip(#"{"sent_at":"#), let sentAt = reader.number().flatMap({ Double($0) }) else { return nil }
            var known: Bool?
            if reader.skip(#","known":true"#) {
                known = true
            } else if reader.skip(#","known":false"#) {
                known = false
            }
            let heartbeat = Heartbeat(sentAt: sentAt, known: known)
            message = type == .ping ? .ping(heartbeat) : .pong(heartbeat)
        case .drain:
            guard reader.skip("{") else { return nil }
            message = .drain
        default:
            return nil
        }
        guard reader.skip("}}"), reader.atEnd else { return nil }
        return Envelope(version: version, msgID: msgID, message: message)
    }
}

/// A cursor over a small frame's bytes that reads literal text, a message type name and JSON
/// numbers (RFC 8259's grammar).
private struct SmallFrameReader {
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
