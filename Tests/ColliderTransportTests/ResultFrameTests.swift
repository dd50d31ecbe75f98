import ColliderCore
import Foundation
import Testing

@testable import ColliderTransport

/// RESULT frames are read without the JSON decoder when they have the encoder's shape
/// (`FrameCodec.resultEnvelope`): the JSON decoder is the oracle, on the frames workers send and
/// on every kind of damage to them.
struct ResultFrameTests {
    let codec = FrameCodec()

    static let binary = Data((0..<600).map { UInt8(truncatingIfNeeded: $0 &* 37) })

    static let results: [TaskResult] = [
        TaskResult(leaseID: "L1-t1", taskID: String(repeating: "ab", count: 32), summary: Fixtures.json),
        TaskResult(leaseID: "", taskID: "", summary: Data()),
        // Base64 of these bytes holds '/' and '+', which the encoder writes as "\/".
        TaskResult(
            leaseID: "L2-t", taskID: "t", summary: binary,
            files: ["steps.jsonl": binary, "prompts/final.txt": Data("ünïcode ✓\n".utf8), "empty": Data()]),
        TaskResult(leaseID: "L3-t", taskID: "t", summary: Fixtures.json, files: [:]),
        // Characters the short escapes cover, and some that need none.
        TaskResult(leaseID: "quote\" back\\slash / ✓", taskID: "new\nline\ttab\r\u{8}\u{c}", summary: Fixtures.json),
    ]

    /// What the JSON decoder reads from `bytes`, or nil when it refuses them.
    func oracle(_ bytes: [UInt8]) -> Envelope? {
        try? JSONDecoder().decode(WireEnvelope.self, from: Data(bytes)).envelope
    }

    @Test(arguments: results)
    func aResultInTheEncodersShapeIsReadDirectlyAsTheDecoderReadsIt(_ result: TaskResult) throws {
        let envelope = Envelope(msgID: 271_828, message: .result(result))
        let frame = try codec.encode(envelope)
        let direct = try #require(FrameCodec.resultEnvelope(frame))
        #expect(direct == envelope)
        #expect(oracle(frame) == envelope)
    }

    @Test func keysInAnyOrderAreReadDirectly() throws {
        let frame = #"{"body":{"summary":"","task_id":"t","lease_id":"L"},"msg_id":1,"type":"RESULT","v":1}"#
        let expected = Envelope(msgID: 1, message: .result(TaskResult(leaseID: "L", taskID: "t", summary: Data())))
        #expect(FrameCodec.resultEnvelope(Array(frame.utf8)) == expected)
        #expect(oracle(Array(frame.utf8)) == expected)
    }

    @Test func framesOutsideTheShapeAreLeftToTheDecoder() throws {
        let result = TaskResult(leaseID: "L", taskID: "t", summary: Fixtures.json)
        let frame = String(decoding: try codec.encode(Envelope(msgID: 1, message: .result(result))), as: UTF8.self)
        let readable = [
            // A \u escape, a space, a key the decoder ignores.
            frame.replacingOccurrences(of: #""L""#, with: #""\u004c""#),
            frame.replacingOccurrences(of: #""task_id":"#, with: #""task_id": "#),
            frame.replacingOccurrences(of: #""task_id":"#, with: #""note":"x","task_id":"#),
        ]
        let refused = [
            // Another version, a raw control character, a repeated key.
            frame.replacingOccurrences(of: #""v":1"#, with: #""v":2"#),
            frame.replacingOccurrences(of: #""L""#, with: "\"L\u{1}\""),
            frame.replacingOccurrences(of: #""task_id":"#, with: #""task_id":"u","task_id":"#),
        ]
        for other in readable + refused {
            #expect(FrameCodec.resultEnvelope(Array(other.utf8)) == nil, "\(other)")
        }
        for other in readable {
            #expect(try codec.decode(Array(other.utf8)).message == .result(result), "\(other)")
        }
        for other in refused.prefix(2) {
            #expect(throws: FrameError.self, "\(other)") { try codec.decode(Array(other.utf8)) }
        }
    }

    /// Every frame the direct reader accepts, the decoder reads the same; tried on 20,000 damaged
    /// copies of real frames (bytes replaced, dropped, inserted, truncated), seeded.
    @Test func theDirectReaderNeverAcceptsWhatTheDecoderReadsOtherwise() throws {
        var random = SplitMix64(state: 20_261_129)
        let frames = try Self.results.map { try codec.encode(Envelope(msgID: 9, message: .result($0))) }
        let alphabet = Array(#"{}[]":,\/"#.utf8) + Array("0123456789abAZ+=nu ".utf8) + [0, 0x1F, 0x80, 0xC3, 0xFF]
        var accepted = 0
        for trial in 0..<20_000 {
            var bytes = frames[trial % frames.count]
            for _ in 0...Int.random(in: 0...2, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                let byte = alphabet.randomElement(using: &random)!
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] = byte
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(byte, at: at)
                default: bytes.removeLast(bytes.count - at)
                }
                if bytes.isEmpty { break }
            }
            guard let direct = FrameCodec.resultEnvelope(bytes) else { continue }
            accepted += 1
            #expect(oracle(bytes) == direct, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Some damage leaves a well-formed frame (a changed letter in an id, a message id).
        #expect(accepted > 100)
    }
}
