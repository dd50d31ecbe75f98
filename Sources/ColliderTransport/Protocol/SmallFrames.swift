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
        var reader = FrameReader(bytes: bytes)
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
