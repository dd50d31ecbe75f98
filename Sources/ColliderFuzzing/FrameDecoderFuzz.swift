import ColliderTransport
import Foundation

/// The frame decoder's promises: any bytes either decode or throw a `FrameError` (the typed throw
/// and the absence of a trap are what the fuzzer checks by running), a decoded envelope re-encodes
/// to a frame that decodes to the same envelope, and the size limit refuses a frame over it.
enum FrameDecoderFuzz {
    static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let codec = FrameCodec()
        let envelope: Envelope
        do {
            envelope = try codec.decode(bytes)
        } catch {
            return
        }
        if !bytes.isEmpty {
            let limit = bytes.count - 1
            switch Result(catching: { () throws(FrameError) in try FrameCodec(maxFrameBytes: limit).decode(bytes) }) {
            case .failure(let error) where error.code == .oversized: break
            case .failure(let error):
                throw violation("a frame over the size limit was refused as \(error.code), not as oversized")
            case .success:
                throw violation("a frame of \(bytes.count) bytes decoded under a limit of \(limit)")
            }
        }
        let frame: [UInt8]
        do {
            frame = try codec.encode(envelope)
        } catch {
            throw violation("decoded \(envelope) but cannot encode it again: \(error)")
        }
        let again: Envelope
        do {
            again = try codec.decode(frame)
        } catch {
            throw violation("the re-encoded frame \(text(frame)) does not decode: \(error)")
        }
        // NaN is not equal to itself, so a message holding one compares by its frame instead.
        guard again == envelope || sortedJSON(try? codec.encode(again)) == sortedJSON(frame) else {
            throw violation("round trip changed the envelope: \(envelope) became \(again)")
        }
    }

    /// `frame` re-serialized with sorted keys, since the encoder writes keys in no fixed order.
    private static func sortedJSON(_ frame: [UInt8]?) -> Data? {
        guard let frame, let object = try? JSONSerialization.jsonObject(with: Data(frame)) else { return nil }
        return try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys)
    }

    private static func violation(_ message: String) -> InvariantViolation {
        InvariantViolation(.frameDecoder, message)
    }

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(512), as: UTF8.self).debugDescription
    }
}
