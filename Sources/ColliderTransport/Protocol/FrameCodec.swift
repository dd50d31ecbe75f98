import Foundation

/// Turns messages into frames and back.
///
/// **Framing.** A message is one ZeroMQ frame holding the UTF-8 JSON envelope
/// `{"v": 1, "type": "TASK", "msg_id": 42, "body": {…}}` (keys in snake case; opaque `Data`
/// fields base64-encoded; non-finite numbers as the strings `"nan"`, `"inf"`, `"-inf"`). On the
/// coordinator's ROUTER the frame follows the peer's routing-id frame; a DEALER sees the envelope
/// frame alone. Any other frame count is malformed.
///
/// Decoding never traps: every input either decodes or throws a `FrameError`.
public struct FrameCodec: Sendable {
    /// 64 MiB.
    public static let defaultMaxFrameBytes = 64 << 20

    /// Frames larger than this are refused on both encode and decode.
    public var maxFrameBytes: Int

    public init(maxFrameBytes: Int = FrameCodec.defaultMaxFrameBytes) {
        self.maxFrameBytes = maxFrameBytes
    }

    static let nonFinite = (positive: "inf", negative: "-inf", nan: "nan")

    /// The frame for `message` with id `msgID` under the current protocol version.
    public func encode(_ message: Message, msgID: UInt64) throws(FrameError) -> [UInt8] {
        try encode(Envelope(msgID: msgID, message: message))
    }

    /// The frame for `envelope`, whatever its version (tests use this to forge other versions).
    public func encode(_ envelope: Envelope) throws(FrameError) -> [UInt8] {
        if let frame = Self.smallFrame(envelope) { return frame }
        let frame: [UInt8]
        do {
            if let direct = Self.taskFrame(envelope) {
                frame = direct
            } else {
                let encoder = JSONEncoder()
                encoder.nonConformingFloatEncodingStrategy = .convertToString(
                    positiveInfinity: Self.nonFinite.positive, negativeInfinity: Self.nonFinite.negative,
                    nan: Self.nonFinite.nan)
                frame = [UInt8](try encoder.encode(WireEnvelope(envelope)))
            }
        } catch {
            throw FrameError(.unencodable, "\(envelope.message.type.rawValue) message \(envelope.msgID): \(error)")
        }
        guard frame.count <= maxFrameBytes else {
            throw FrameError(
                .oversized,
                "\(envelope.message.type.rawValue) message \(envelope.msgID) is \(frame.count) bytes, over the limit of \(maxFrameBytes)"
            )
        }
        return frame
    }

    /// The envelope in `bytes`, or the reason it is refused.
    public func decode(_ bytes: [UInt8]) throws(FrameError) -> Envelope {
        guard bytes.count <= maxFrameBytes else {
            throw FrameError(.oversized, "frame of \(bytes.count) bytes is over the limit of \(maxFrameBytes)")
        }
        if let envelope = Self.smallEnvelope(bytes) ?? Self.resultEnvelope(bytes) { return envelope }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: Self.nonFinite.positive, negativeInfinity: Self.nonFinite.negative,
            nan: Self.nonFinite.nan)
        do {
            return try decoder.decode(WireEnvelope.self, from: Data(bytes)).envelope
        } catch let error as FrameError {
            throw error
        } catch {
            throw FrameError(.malformed, Self.describe(error))
        }
    }

    /// A one-line reason for a decoding error, with the key path where it happened.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            context = c
        @unknown default:
            return "\(error)"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    }
}
