import Foundation
import Synchronization
import Testing

@testable import ColliderTransport

/// A ROUTER that delivers in batches asks its reader to take everything received since the last
/// take, in order, and posts replies without waiting for each.
struct BatchDeliveryTests {
    /// The core's way to read: the I/O thread itself takes, in a serial queue's turn, and each
    /// take gets everything that arrived since the previous one, and what it posts then is sent;
    /// the close is told once, after the last message.
    @Test(.timeLimit(.minutes(1)))
    func takesAskedForByArrivalHoldEveryMessageInOrder() async throws {
        let router = try await RouterEndpoint(
            RouterEndpoint.Configuration(bindAddress: "tcp://127.0.0.1:*", tuning: Fixtures.tuning(), deliversBatches: true),
            logger: Fixtures.logger)
        let dealer = try await Fixtures.dealer("worker-1", to: router)
        // `incoming` is not used by a batching endpoint: it ends at once.
        var unused = router.incoming.makeAsyncIterator()
        #expect(await unused.next() == nil)

        let count = 200
        // Sent before the reader is set up: announced as soon as it is.
        for n in 1...(count / 2) { try await dealer.send(.credit(Credit(n: n))) }
        try await Task.sleep(for: .milliseconds(100))

        let queue = DispatchQueue(label: "take-reader")
        let takes = TakeLog()
        let (closed, closedInput) = AsyncStream.makeStream(of: Void.self)
        router.batches.onArrival {
            queue.sync {
                let (items, isClosed) = router.batches.take()
                if items.contains(where: { $0.envelope.message == .credit(Credit(n: count)) }) {
                    // Posted on the I/O thread, as the core posts a batch's TASKs.
                    router.post([(.ack(Ack(msgID: 1000)), PeerID("worker-1"))]) { _, _, _ in }
                }
                takes.add(
                    items.compactMap { item in
                        guard item.peer == PeerID("worker-1"), case .credit(let credit) = item.envelope.message else { return -1 }
                        return credit.n
                    })
                if isClosed { closedInput.yield() }
            }
        }
        for n in (count / 2 + 1)...count { try await dealer.send(.credit(Credit(n: n))) }
        while takes.received.count < count { try await Task.sleep(for: .milliseconds(5)) }
        #expect(takes.received == Array(1...count))
        #expect(takes.count <= count)
        var fromCoordinator = dealer.incoming.makeAsyncIterator()
        #expect(await fromCoordinator.next()?.message == .ack(Ack(msgID: 1000)))

        // Replies posted together arrive in order; one to a peer that is not connected fails
        // alone, through `failed`.
        let failures = FailureLog()
        router.post(
            [(.ack(Ack(msgID: 1)), PeerID("worker-1")), (.ack(Ack(msgID: 2)), PeerID("nobody")),
             (.ack(Ack(msgID: 3)), PeerID("worker-1"))]
        ) { peer, type, _ in failures.add("\(peer) \(type.rawValue)") }
        #expect(await fromCoordinator.next()?.message == .ack(Ack(msgID: 1)))
        #expect(await fromCoordinator.next()?.message == .ack(Ack(msgID: 3)))
        #expect(failures.entries == ["nobody ACK"])

        await dealer.close()
        await router.close()
        var closes = closed.makeAsyncIterator()
        await closes.next()
        closedInput.finish()
        #expect(await closes.next() == nil)
        #expect(takes.received == Array(1...count))
    }
}

/// What the takes of a test's reader got, for the test to read.
private final class TakeLog: Sendable {
    private let takes = Mutex<[[Int]]>([])

    func add(_ credits: [Int]) {
        takes.withLock { $0.append(credits) }
    }

    var received: [Int] { takes.withLock { $0.flatMap { $0 } } }
    var count: Int { takes.withLock { $0.count } }
}
