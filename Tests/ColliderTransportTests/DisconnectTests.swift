import ColliderCore
import Foundation
import Testing

@testable import ColliderTransport

/// The ROUTER names peers whose connection closed (`RouterEndpoint.disconnects`).
struct DisconnectTests {
    /// Sends a PING from `dealer` and waits until the router has it, so that the router knows
    /// which connection the peer is on.
    func introduce(
        _ dealer: DealerEndpoint, to inbox: inout AsyncStream<(peer: PeerID, envelope: Envelope)>.Iterator
    ) async throws -> PeerID {
        try await dealer.send(.ping(Heartbeat(sentAt: 1)))
        return try #require(await inbox.next()).peer
    }

    @Test(.timeLimit(.minutes(1)))
    func aClosedDealerIsNamedAndAnOpenOneIsNot() async throws {
        let router = try await Fixtures.router()
        var inbox = router.incoming.makeAsyncIterator()
        var closed = router.disconnects.makeAsyncIterator()
        let staying = try await Fixtures.dealer("staying", to: router)
        let leaving = try await Fixtures.dealer("leaving", to: router)
        #expect(try await introduce(staying, to: &inbox) == PeerID("staying"))
        #expect(try await introduce(leaving, to: &inbox) == PeerID("leaving"))
        await leaving.close()
        // Two messages (the PINGs) came before the close.
        #expect(await closed.next() == PeerDisconnect(peer: PeerID("leaving"), deliveredBefore: 2))
        await staying.close()
        #expect(await closed.next()?.peer == PeerID("staying"))
        await router.close()
        #expect(await closed.next() == nil)
    }

    /// A closed connection's descriptor is the lowest free one, so the next connection usually
    /// gets it: the close names the peer that left, never the newcomer (which would lose its
    /// leases while alive). This exercises the common order (the close read before the newcomer
    /// speaks); `IOLoop.receive` also reads waiting closes before it maps a newcomer's descriptor,
    /// for the rare order a loaded machine produces, which no test here can force.
    @Test(.timeLimit(.minutes(1)))
    func aDescriptorReusedByTheNextPeerNamesThePeerThatLeft() async throws {
        let router = try await Fixtures.router()
        var inbox = router.incoming.makeAsyncIterator()
        var closed = router.disconnects.makeAsyncIterator()
        for round in 0..<20 {
            let leaving = try await Fixtures.dealer("leaving-\(round)", to: router)
            _ = try await introduce(leaving, to: &inbox)
            await leaving.close()
            let coming = try await Fixtures.dealer("coming-\(round)", to: router)
            #expect(try await introduce(coming, to: &inbox) == PeerID("coming-\(round)"))
            #expect(await closed.next()?.peer == PeerID("leaving-\(round)"))
            await coming.close()
            #expect(await closed.next()?.peer == PeerID("coming-\(round)"))
        }
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func theOldConnectionOfAPeerThatReconnectedIsNotReported() async throws {
        let router = try await Fixtures.router()
        var inbox = router.incoming.makeAsyncIterator()
        var closed = router.disconnects.makeAsyncIterator()
        let old = try await Fixtures.dealer("twin", to: router)
        _ = try await introduce(old, to: &inbox)
        // The same routing id on a new connection (ROUTER_HANDOVER): the peer moved.
        let new = try await Fixtures.dealer("twin", to: router)
        _ = try await introduce(new, to: &inbox)
        await old.close()
        await new.close()
        #expect(await closed.next()?.peer == PeerID("twin"))
        // Had the old connection's close been reported too, "twin" would come again first.
        let sentinel = try await Fixtures.dealer("sentinel", to: router)
        _ = try await introduce(sentinel, to: &inbox)
        await sentinel.close()
        #expect(await closed.next()?.peer == PeerID("sentinel"))
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func aPeerThatNeverSpokeIsNotNamed() async throws {
        let router = try await Fixtures.router()
        var inbox = router.incoming.makeAsyncIterator()
        var closed = router.disconnects.makeAsyncIterator()
        let silent = try await Fixtures.dealer("silent", to: router)
        // Its connection comes up; it closes without a word.
        try await Task.sleep(for: .milliseconds(200))
        await silent.close()
        let speaker = try await Fixtures.dealer("speaker", to: router)
        _ = try await introduce(speaker, to: &inbox)
        await speaker.close()
        #expect(await closed.next()?.peer == PeerID("speaker"))
        await router.close()
    }
}
