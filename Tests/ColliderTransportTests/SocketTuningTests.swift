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

    @Test func theRouterSendsNoZMTPHeartbeatsAndKeepsTCPKeepaliveOn() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, kind: ZMQ_ROUTER)
        for option in SocketTuning.router.options { try socket.set(option) }
        #expect(try integer(ZMQ_HEARTBEAT_IVL, of: socket) == 0)
        #expect(try integer(ZMQ_TCP_KEEPALIVE, of: socket) == 1)
        #expect(try integer(ZMQ_TCP_KEEPALIVE_IDLE, of: socket) == 30)
        #expect(try integer(ZMQ_TCP_KEEPALIVE_INTVL, of: socket) == 10)
        #expect(try integer(ZMQ_TCP_KEEPALIVE_CNT, of: socket) == 3)
        socket.close()
    }

    @Test func aDealerPingsEverySecondWithoutATTL() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, kind: ZMQ_DEALER)
        for option in SocketTuning.dealer.options { try socket.set(option) }
        #expect(try integer(ZMQ_HEARTBEAT_IVL, of: socket) == 1000)
        #expect(try integer(ZMQ_HEARTBEAT_TIMEOUT, of: socket) == 5000)
        #expect(try integer(ZMQ_HEARTBEAT_TTL, of: socket) == 0)
        socket.close()
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
