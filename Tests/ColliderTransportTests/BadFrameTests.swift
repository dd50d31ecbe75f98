import Foundation
import Testing

@testable import ColliderTransport

/// A raw DEALER sends the ROUTER frames no worker should; each is counted, reported and dropped,
/// and the next good message is served.
struct BadFrameTests {
    let codec = FrameCodec()

    func good(_ n: Int) throws -> [UInt8] { try codec.encode(.credit(Credit(n: n)), msgID: UInt64(n)) }

    @Test(.timeLimit(.minutes(1)))
    func badFramesAreCountedAndDroppedAndServiceGoesOn() async throws {
        let router = try await Fixtures.router(tuning: Fixtures.tuning(maxFrameBytes: 4096))
        let raw = try RawDealer(connectTo: router.address, id: "mallory")
        var events = router.events.makeAsyncIterator()
        var incoming = router.incoming.makeAsyncIterator()
        let wrongVersion = try codec.encode(Envelope(version: 9, msgID: 1, message: .drain))
        let badFrames: [([[UInt8]], FrameError.Code)] = [
            ([Array("garbage \u{0}\u{7f}".utf8)], .malformed),
            ([Array(repeating: UInt8(ascii: "{"), count: 5000)], .oversized),
            ([wrongVersion], .unsupportedVersion),
            ([Array(#"{"v":1,"type":"WARP","msg_id":1,"body":{}}"#.utf8)], .unknownType),
            ([try good(1), try good(2)], .malformed),
            ([[]], .malformed),
        ]
        for (index, (frames, code)) in badFrames.enumerated() {
            try raw.send(frames)
            guard case .dropped(let peer, let error) = try #require(await events.next()) else {
                Issue.record("expected a dropped frame")
                return
            }
            #expect(peer == PeerID("mallory"))
            #expect(error.code == code)
            try raw.send([try good(index)])
            #expect(await incoming.next()?.envelope.message == .credit(Credit(n: index)))
        }
        let stats = router.stats
        #expect(stats.malformed == 3)
        #expect(stats.oversized == 1)
        #expect(stats.unsupportedVersion == 1)
        #expect(stats.unknownType == 1)
        #expect(stats.received == badFrames.count)
        raw.close()
        await router.close()
    }

    /// A frame over `ZMQ_MAXMSGSIZE` never reaches the ROUTER: libzmq drops that connection. Other
    /// workers are served as before.
    @Test(.timeLimit(.minutes(1)))
    func framesOverTheSocketLimitCostOnlyTheSendersConnection() async throws {
        let router = try await Fixtures.router(tuning: Fixtures.tuning(maxFrameBytes: 1024, socketMax: 2048))
        let raw = try RawDealer(connectTo: router.address, id: "hog")
        try raw.send([Array(repeating: 0x20, count: 1 << 20)])
        let honest = try await Fixtures.dealer("honest", to: router)
        try await honest.send(.credit(Credit(n: 1)))
        var incoming = router.incoming.makeAsyncIterator()
        let first = try #require(await incoming.next())
        #expect(first.peer == PeerID("honest"))
        #expect(router.stats.dropped == 0)
        raw.close()
        await honest.close()
        await router.close()
    }
}
