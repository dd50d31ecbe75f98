import ColliderCore
import Foundation
import Testing

@testable import ColliderTransport

struct FrameCodecTests {
    let codec = FrameCodec()

    @Test(arguments: Fixtures.everyMessage)
    func everyMessageRoundTrips(_ message: Message) throws {
        let frame = try codec.encode(message, msgID: 42)
        let envelope = try codec.decode(frame)
        #expect(envelope == Envelope(version: ProtocolVersion.current, msgID: 42, message: message))
    }

    @Test func everyMessageTypeIsCovered() {
        #expect(Set(Fixtures.everyMessage.map(\.type)) == Set(MessageType.allCases))
    }

    @Test func envelopeHasTheDocumentedShape() throws {
        let frame = try codec.encode(.credit(Credit(n: 3)), msgID: 9)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(frame)) as? [String: Any])
        #expect(object["v"] as? Int == 1)
        #expect(object["type"] as? String == "CREDIT")
        #expect(object["msg_id"] as? Int == 9)
        #expect((object["body"] as? [String: Any])?["n"] as? Int == 3)
    }

    /// ACK, CREDIT, PING, PONG and DRAIN are written without the JSON encoder: the frames must
    /// hold what the encoder would write.
    @Test(arguments: [
        Message.ack(Ack(msgID: .max)), .ack(Ack(msgID: 0)), .credit(Credit(n: 1)), .credit(Credit(n: -3)), .drain,
        .ping(Heartbeat(sentAt: 1_700_000_000.25)), .pong(Heartbeat(sentAt: 1e-7)), .pong(Heartbeat(sentAt: 1e21)),
        .ping(Heartbeat(sentAt: -0.0)), .ping(Heartbeat(sentAt: 0.1 + 0.2)),
        // A restarted coordinator's answer to a worker it does not know: must reach the worker.
        .pong(Heartbeat(sentAt: 1_700_000_000.25, known: false)), .pong(Heartbeat(sentAt: 2, known: true)),
    ])
    func smallFramesMatchTheEncoder(_ message: Message) throws {
        let envelope = Envelope(msgID: 77, message: message)
        let direct = try #require(FrameCodec.smallFrame(envelope))
        let encoded = try JSONEncoder().encode(WireEnvelope(envelope))
        let parse = { (bytes: Data) in try JSONSerialization.jsonObject(with: bytes) as? NSDictionary }
        #expect(try parse(Data(direct)) == parse(encoded))
        #expect(try codec.decode(direct) == envelope)
        #expect(FrameCodec.smallEnvelope(direct) == envelope)
        #expect(FrameCodec.smallEnvelope(Array(encoded)).map { $0 == envelope } ?? true)
    }

    /// The direct reader takes exactly the written shape; every other spelling, valid or not,
    /// goes to the JSON decoder.
    @Test(arguments: [
        #"{"v":1,"type":"CREDIT","msg_id":1,"body":{"n":1e0}}"#, #"{"v":1,"type":"CREDIT","msg_id":01,"body":{"n":1}}"#,
        #"{"v":1, "type":"CREDIT","msg_id":1,"body":{"n":1}}"#, #"{"type":"CREDIT","v":1,"msg_id":1,"body":{"n":1}}"#,
        #"{"v":2,"type":"CREDIT","msg_id":1,"body":{"n":1}}"#, #"{"v":1,"type":"CREDIT","msg_id":1,"body":{"n":1}} "#,
        #"{"v":1,"type":"CREDIT","msg_id":1,"body":{"n":1}}}"#, #"{"v":1,"type":"CREDIT","msg_id":-1,"body":{"n":1}}"#,
        #"{"v":1,"type":"CREDIT","msg_id":18446744073709551616,"body":{"n":1}}"#,
        #"{"v":1,"type":"PING","msg_id":1,"body":{"sent_at":1.}}"#, #"{"v":1,"type":"PING","msg_id":1,"body":{"sent_at":.5}}"#,
        #"{"v":1,"type":"PING","msg_id":1,"body":{"sent_at":1e}}"#, #"{"v":1,"type":"PING","msg_id":1,"body":{"sent_at":inf}}"#,
        #"{"v":1,"type":"PONG","msg_id":1,"body":{"sent_at":1,"known":null}}"#,
        #"{"v":1,"type":"PING","msg_id":1,"body":{"known":true,"sent_at":1}}"#,
        #"{"v":1,"type":"ACK","msg_id":1,"body":{"msg_id":"1"}}"#, #"{"v":1,"type":"DRAIN","msg_id":1,"body":{ }}"#,
        #"{"v":1,"type":"HELLO","msg_id":1,"body":{}}"#, #"{"v":1,"type":"credit","msg_id":1,"body":{"n":1}}"#,
    ])
    func otherSpellingsTakeTheDecoder(_ text: String) {
        #expect(FrameCodec.smallEnvelope(Array(text.utf8)) == nil)
    }

    @Test func aNonFiniteHeartbeatTakesTheEncoder() throws {
        let envelope = Envelope(msgID: 1, message: .ping(Heartbeat(sentAt: .infinity)))
        #expect(FrameCodec.smallFrame(envelope) == nil)
        #expect(try codec.decode(codec.encode(envelope)) == envelope)
    }

    @Test func otherVersionIsRefusedNamingBothVersions() throws {
        let frame = try codec.encode(Envelope(version: 2, msgID: 1, message: .drain))
        let error = try #require(throws: FrameError.self) { try codec.decode(frame) }
        #expect(error.code == .unsupportedVersion)
        #expect(error.detail.contains("version 2"))
        #expect(error.detail.contains("version 1"))
    }

    @Test func wrongVersionWinsOverAnUnparsableBody() throws {
        let frame = Array(#"{"v":0,"type":"NOPE","msg_id":1,"body":7}"#.utf8)
        #expect(throws: FrameError(.unsupportedVersion, "protocol version 0 is not supported; this build speaks version 1")) {
            try codec.decode(frame)
        }
    }

    @Test func unknownTypeIsRefused() throws {
        let frame = Array(#"{"v":1,"type":"TELEPORT","msg_id":1,"body":{}}"#.utf8)
        let error = try #require(throws: FrameError.self) { try codec.decode(frame) }
        #expect(error.code == .unknownType)
        #expect(error.detail.contains("TELEPORT"))
    }

    @Test(arguments: [
        "", "{", "null", "[]", "{}", #"{"v":"1","type":"DRAIN","msg_id":1,"body":{}}"#,
        #"{"v":1,"type":"DRAIN","msg_id":-1,"body":{}}"#, #"{"v":1,"type":"DRAIN","msg_id":1}"#,
        #"{"v":1,"type":"CREDIT","msg_id":1,"body":{"n":"four"}}"#,
        #"{"v":1,"type":"FAIL","msg_id":1,"body":{"lease_id":"l","task_id":"t","class":"cosmic","retryable":true,"reason":""}}"#,
        #"{"v":1,"type":"DATA","msg_id":1,"body":{"fingerprint":"f","offset":0,"total_bytes":3,"sha256":"","bytes":"!!not base64!!"}}"#,
        #"{"v":1,"type":"DATA_REQ","msg_id":1,"body":{"fingerprint":"f","offset":"zero"}}"#,
        #"{"v":1,"type":"STEPS","msg_id":1,"body":{"task_id":"t","after_step":-1,"records":{},"complete":true}}"#,
    ])
    func malformedFramesAreRefused(_ text: String) throws {
        let error = try #require(throws: FrameError.self) { try codec.decode(Array(text.utf8)) }
        #expect(error.code == .malformed)
    }

    @Test func deeplyNestedJSONIsRefusedNotOverflowed() throws {
        let error = try #require(throws: FrameError.self) { try codec.decode(Array(repeating: UInt8(ascii: "["), count: 100_000)) }
        #expect(error.code == .malformed)
    }

    @Test func oversizedFramesAreRefusedBothWays() throws {
        let small = FrameCodec(maxFrameBytes: 256)
        let big = Message.result(TaskResult(leaseID: "l", taskID: "t", summary: Data(repeating: 7, count: 512)))
        #expect(throws: FrameError.self) { try small.encode(big, msgID: 1) }
        let frame = try codec.encode(big, msgID: 1)
        let error = try #require(throws: FrameError.self) { try small.decode(frame) }
        #expect(error.code == .oversized)
        #expect(error.detail.contains("256"))
    }

    /// 10,000 seeded inputs: random bytes, and valid frames with bytes flipped, cut or spliced. Each
    /// must decode or be refused with a `FrameError`; none may trap.
    @Test func garbledInputNeverCrashesTheDecoder() throws {
        var random = SeededGenerator(seed: 5)
        let valid = try Fixtures.everyMessage.enumerated().map { try codec.encode($1, msgID: UInt64($0)) }
        var decoded = 0
        var refused: [FrameError.Code: Int] = [:]
        for round in 0..<10_000 {
            var bytes = valid[Int(random.next(below: UInt64(valid.count)))]
            switch round % 4 {
            case 0:
                bytes = (0..<random.next(below: 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 1:
                for _ in 0...random.next(below: 4) {
                    bytes[Int(random.next(below: UInt64(bytes.count)))] = UInt8(truncatingIfNeeded: random.next())
                }
            case 2:
                bytes = Array(bytes.prefix(Int(random.next(below: UInt64(bytes.count)))))
            default:
                let cut = Int(random.next(below: UInt64(bytes.count)))
                let junk = Array(#"{}[]":,0-e.\u"#.utf8)
                bytes.insert(junk[Int(random.next(below: UInt64(junk.count)))], at: cut)
            }
            do {
                _ = try codec.decode(bytes)
                decoded += 1
            } catch {
                refused[error.code, default: 0] += 1
            }
        }
        #expect(decoded + refused.values.reduce(0, +) == 10_000)
        #expect(refused[.malformed, default: 0] > 5_000)
    }
}
