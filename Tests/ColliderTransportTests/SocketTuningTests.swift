import CZeroMQ
import Foundation
import Testing

@testable import ColliderTransport

/// How the two ends watch their connections (`SocketTuning.router`, `.dealer`): the settings reach
/// libzmq, and a worker's ZMTP heartbeat keeps its connection to a ROUTER that sends none.
struct SocketTuningTests {
    /// The value libzmq holds for an integer option of `socket`.
    func integer(_ option: CInt, of socket: ZMQSocket) throws -> Int32 {
        var value: Int32 = -1
        var size = MemoryLayout<Int32>.size
        let status = socket.pollHandle.map { zmq_getsockopt($0, option, &value, &size) } ?? -1
        try #require(status == 0, "zmq_getsockopt(\(option)) failed: errno \(zmq_errno())")
        return value
    }

    /// A socket of `kind` with `tuning`'s options set.
    func socket(_ kind: CInt, tuned tuning: SocketTuning, in context: ZMQContext) throws -> ZMQSocket {
        let socket = try ZMQSocket(context: context, kind: kind)
        for option in tuning.options { try socket.set(option) }
        return socket
    }

    @Test func theRouterSendsNoZMTPHeartbeatsAndKeepsTCPKeepaliveOn() throws {
        let context = try ZMQContext()
        let router = try socket(ZMQ_ROUTER, tuned: .router, in: context)
        #expect(try integer(ZMQ_HEARTBEAT_IVL, of: router) == 0)
        #expect(try integer(ZMQ_TCP_KEEPALIVE, of: router) == 1)
        #expect(try integer(ZMQ_TCP_KEEPALIVE_IDLE, of: router) == 30)
        #expect(try integer(ZMQ_TCP_KEEPALIVE_INTVL, of: router) == 10)
        #expect(try integer(ZMQ_TCP_KEEPALIVE_CNT, of: router) == 3)
        router.close()
    }

    @Test func aDealerPingsEverySecondWithoutATTL() throws {
        let context = try ZMQContext()
        let dealer = try socket(ZMQ_DEALER, tuned: .dealer, in: context)
        #expect(try integer(ZMQ_HEARTBEAT_IVL, of: dealer) == 1000)
        #expect(try integer(ZMQ_HEARTBEAT_TIMEOUT, of: dealer) == 5000)
        #expect(try integer(ZMQ_HEARTBEAT_TTL, of: dealer) == 0)
        dealer.close()
    }

    /// A DEALER that gives its connection up 300 ms after an unanswered ZMTP ping stays connected
    /// through 1.5 s of silence: the ROUTER, though it sends no heartbeats of its own, answers the
    /// DEALER's. Had the connection dropped, the router's disconnect monitor would name the peer.
    @Test(.timeLimit(.minutes(1)))
    func aSilentWorkerStaysConnectedToARouterWithoutHeartbeats() async throws {
        var routerTuning = SocketTuning.router
        routerTuning.lingerMilliseconds = 200
        let router = try await Fixtures.router(tuning: routerTuning)
        var inbox = router.incoming.makeAsyncIterator()
        var dealerTuning = Fixtures.tuning()
        dealerTuning.heartbeat = ZMTPHeartbeat(intervalMilliseconds: 100, timeoutMilliseconds: 300)
        let dealer = try await DealerEndpoint(
            DealerEndpoint.Configuration(connectAddress: router.address, routingID: "quiet", tuning: dealerTuning),
            logger: Fixtures.logger)
        try await dealer.send(.ping(Heartbeat(sentAt: 1)))
        #expect(try #require(await inbox.next()).peer == PeerID("quiet"))

        let dropped = Task {
            var closed = router.disconnects.makeAsyncIterator()
            return await closed.next()
        }
        try await Task.sleep(for: .milliseconds(1500))
        try await dealer.send(.ping(Heartbeat(sentAt: 2)))
        #expect(try #require(await inbox.next()).envelope.message == .ping(Heartbeat(sentAt: 2)))
        await dealer.close()
        // The first close the router saw is the one just made, after the silence.
        #expect(await dropped.value?.deliveredBefore == 2)
        await router.close()
    }
}
