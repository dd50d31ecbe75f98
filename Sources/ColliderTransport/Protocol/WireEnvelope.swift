/// The JSON shape of a frame: `{"v": 1, "type": "HELLO", "msg_id": 7, "body": {…}}`.
///
/// Decoding checks `v` before anything else, so a frame from another protocol version is refused
/// as such even when its body would not parse; errors thrown here are `FrameError`s that the
/// decoder passes through unchanged.
struct WireEnvelope: Codable {
    var envelope: Envelope

    init(_ envelope: Envelope) { self.envelope = envelope }

    private enum Keys: String, CodingKey {
        case version = "v", type, msgID = "msg_id", body
    }

    /// The body of `DRAIN`, which carries nothing.
    private struct EmptyBody: Codable {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == ProtocolVersion.current else {
            throw FrameError(
                .unsupportedVersion,
                "protocol version \(version) is not supported; this build speaks version \(ProtocolVersion.current)"
            )
        }
        let name = try container.decode(String.self, forKey: .type)
        guard let type = MessageType(rawValue: name) else {
            throw FrameError(.unknownType, "unknown message type \(String(name.prefix(64)).debugDescription)")
        }
        let msgID = try container.decode(UInt64.self, forKey: .msgID)
        let message = try Self.decodeBody(type, from: container)
        envelope = Envelope(version: version, msgID: msgID, message: message)
    }

    private static func decodeBody(_ type: MessageType, from c: KeyedDecodingContainer<Keys>) throws -> Message {
        switch type {
        case .hello: return .hello(try c.decode(Hello.self, forKey: .body))
        case .credit: return .credit(try c.decode(Credit.self, forKey: .body))
        case .task: return .task(try c.decode(TaskLease.self, forKey: .body))
        case .progress: return .progress(try c.decode(TaskProgress.self, forKey: .body))
        case .result: return .result(try c.decode(TaskResult.self, forKey: .body))
        case .fail: return .fail(try c.decode(TaskFailure.self, forKey: .body))
        case .ack: return .ack(try c.decode(Ack.self, forKey: .body))
        case .ping: return .ping(try c.decode(Heartbeat.self, forKey: .body))
        case .pong: return .pong(try c.decode(Heartbeat.self, forKey: .body))
        case .rateRequest: return .rateRequest(try c.decode(RateRequest.self, forKey: .body))
        case .rateGrant: return .rateGrant(try c.decode(RateGrant.self, forKey: .body))
        case .ratePause: return .ratePause(try c.decode(RatePause.self, forKey: .body))
        case .drain:
            _ = try c.decode(EmptyBody.self, forKey: .body)
            return .drain
        case .cancel: return .cancel(try c.decode(Cancel.self, forKey: .body))
        case .bye: return .bye(try c.decode(Bye.self, forKey: .body))
        case .dataRequest: return .dataRequest(try c.decode(DataRequest.self, forKey: .body))
        case .data: return .data(try c.decode(DataChunk.self, forKey: .body))
        case .stepsRequest: return .stepsRequest(try c.decode(StepsRequest.self, forKey: .body))
        case .steps: return .steps(try c.decode(StepsChunk.self, forKey: .body))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(envelope.version, forKey: .version)
        try container.encode(envelope.message.type, forKey: .type)
        try container.encode(envelope.msgID, forKey: .msgID)
        switch envelope.message {
        case .hello(let body): try container.encode(body, forKey: .body)
        case .credit(let body): try container.encode(body, forKey: .body)
        case .task(let body): try container.encode(body, forKey: .body)
        case .progress(let body): try container.encode(body, forKey: .body)
        case .result(let body): try container.encode(body, forKey: .body)
        case .fail(let body): try container.encode(body, forKey: .body)
        case .ack(let body): try container.encode(body, forKey: .body)
        case .ping(let body), .pong(let body): try container.encode(body, forKey: .body)
        case .rateRequest(let body): try container.encode(body, forKey: .body)
        case .rateGrant(let body): try container.encode(body, forKey: .body)
        case .ratePause(let body): try container.encode(body, forKey: .body)
        case .drain: try container.encode(EmptyBody(), forKey: .body)
        case .cancel(let body): try container.encode(body, forKey: .body)
        case .bye(let body): try container.encode(body, forKey: .body)
        case .dataRequest(let body): try container.encode(body, forKey: .body)
        case .data(let body): try container.encode(body, forKey: .body)
        case .stepsRequest(let body): try container.encode(body, forKey: .body)
        case .steps(let body): try container.encode(body, forKey: .body)
        }
    }
}
