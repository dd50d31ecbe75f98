import ColliderCore
import Foundation
import Glibc
import Testing

@testable import ColliderTransport

struct RouterDealerTests {
    @Test(.timeLimit(.minutes(1)))
    func fullConversationOverLoopback() async throws {
        let router = try await Fixtures.router()
        let dealer = try await Fixtures.dealer("worker-1", to: router)
        var fromWorkers = router.incoming.makeAsyncIterator()
        var fromCoordinator = dealer.incoming.makeAsyncIterator()
        let worker = PeerID("worker-1")

        let hello = Message.hello(Hello(workerID: "worker-1", incarnation: 1, slots: 2))
        try await dealer.send(hello)
        let helloIn = try #require(await fromWorkers.next())
        #expect(helloIn.peer == worker)
        #expect(helloIn.envelope.message == hello)

        let creditSentAt = DispatchTime.now().uptimeNanoseconds
        try await dealer.send(.credit(Credit(n: 2)))
        #expect(await fromWorkers.next()?.envelope.message == .credit(Credit(n: 2)))

        let lease = TaskLease(
            task: Fixtures.task, leaseID: "lease-1", leaseTTLSeconds: 5, attempt: 0, checkpoint: nil, journal: [],
            config: Fixtures.json)
        let taskID = try await router.send(.task(lease), to: worker)
        let taskIn = try #require(await fromCoordinator.next())
        #expect(taskIn.msgID == taskID)
        #expect(taskIn.message == .task(lease))
        // The TASK was timed from the CREDIT it spends, within what the worker saw.
        let taskReadAt = DispatchTime.now().uptimeNanoseconds
        #expect(router.stats.dispatch.count == 1)
        #expect(router.stats.dispatch.maxNanoseconds > 0)
        #expect(router.stats.dispatch.maxNanoseconds <= taskReadAt - creditSentAt)

        let progress = Message.progress(TaskProgress(
            leaseID: "lease-1", taskID: Fixtures.task.id, stage: "loss", step: 1, calls: 3, tokens: 900, dollars: 0.01,
            journal: [Fixtures.json], checkpoint: Fixtures.json))
        try await dealer.send(progress)
        #expect(await fromWorkers.next()?.envelope.message == progress)

        let result = Message.result(TaskResult(leaseID: "lease-1", taskID: Fixtures.task.id, summary: Fixtures.json))
        let resultID = try await dealer.send(result)
        let resultIn = try #require(await fromWorkers.next())
        #expect(resultIn.envelope == Envelope(msgID: resultID, message: result))

        try await router.send(.ack(Ack(msgID: resultID)), to: worker)
        #expect(await fromCoordinator.next()?.message == .ack(Ack(msgID: resultID)))

        #expect(router.stats.received == 4)
        #expect(router.stats.sent == 2)
        #expect(router.stats.dropped == 0)
        #expect(router.stats.dispatch.count == 1, "only TASKs are timed")
        await dealer.close()
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func eachDealerGetsItsOwnMessages() async throws {
        let router = try await Fixtures.router()
        let first = try await Fixtures.dealer("alpha", to: router)
        let second = try await Fixtures.dealer("beta", to: router)
        var fromWorkers = router.incoming.makeAsyncIterator()
        try await first.send(.hello(Hello(workerID: "alpha", incarnation: 1, slots: 1)))
        try await second.send(.hello(Hello(workerID: "beta", incarnation: 1, slots: 1)))
        let firstPeer = try #require(await fromWorkers.next()).peer
        let secondPeer = try #require(await fromWorkers.next()).peer
        let peers = [firstPeer, secondPeer]
        #expect(Set(peers) == [PeerID("alpha"), PeerID("beta")])

        try await router.send(.cancel(Cancel(taskID: "for-beta", reason: "r")), to: PeerID("beta"))
        try await router.send(.cancel(Cancel(taskID: "for-alpha", reason: "r")), to: PeerID("alpha"))
        var alphaIn = first.incoming.makeAsyncIterator()
        var betaIn = second.incoming.makeAsyncIterator()
        #expect(await alphaIn.next()?.message == .cancel(Cancel(taskID: "for-alpha", reason: "r")))
        #expect(await betaIn.next()?.message == .cancel(Cancel(taskID: "for-beta", reason: "r")))
        await first.close()
        await second.close()
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func sendingToAnUnknownPeerThrowsHostUnreachable() async throws {
        let router = try await Fixtures.router()
        let error = await #expect(throws: TransportError.self) {
            try await router.send(.drain, to: PeerID("nobody"))
        }
        #expect(error?.socketErrno == EHOSTUNREACH)
        #expect(router.stats.sent == 0)
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func reconnectingDealerWithTheSameIDReceivesMessages() async throws {
        let router = try await Fixtures.router()
        var fromWorkers = router.incoming.makeAsyncIterator()
        let before = try await Fixtures.dealer("phoenix", to: router)
        try await before.send(.hello(Hello(workerID: "phoenix", incarnation: 1, slots: 1)))
        #expect(await fromWorkers.next()?.peer == PeerID("phoenix"))
        await before.close()

        let after = try await Fixtures.dealer("phoenix", to: router)
        try await after.send(.hello(Hello(workerID: "phoenix", incarnation: 2, slots: 1)))
        let hello = try #require(await fromWorkers.next())
        #expect(hello.peer == PeerID("phoenix"))
        #expect(hello.envelope.message == .hello(Hello(workerID: "phoenix", incarnation: 2, slots: 1)))
        try await router.send(.drain, to: PeerID("phoenix"))
        var afterIn = after.incoming.makeAsyncIterator()
        #expect(await afterIn.next()?.message == .drain)
        await after.close()
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func aSecondLiveConnectionTakesOverTheRoutingID() async throws {
        let router = try await Fixtures.router()
        var fromWorkers = router.incoming.makeAsyncIterator()
        let stale = try await Fixtures.dealer("twin", to: router)
        try await stale.send(.hello(Hello(workerID: "twin", incarnation: 1, slots: 1)))
        #expect(await fromWorkers.next()?.peer == PeerID("twin"))

        let fresh = try await Fixtures.dealer("twin", to: router)
        try await fresh.send(.hello(Hello(workerID: "twin", incarnation: 2, slots: 1)))
        #expect(await fromWorkers.next()?.envelope.message == .hello(Hello(workerID: "twin", incarnation: 2, slots: 1)))
        try await router.send(.bye(Bye(reason: "to the fresh one")), to: PeerID("twin"))
        var freshIn = fresh.incoming.makeAsyncIterator()
        #expect(await freshIn.next()?.message == .bye(Bye(reason: "to the fresh one")))
        await stale.close()
        await fresh.close()
        await router.close()
    }

    /// Each round trip waits on both sides' hand-off to ZeroMQ, so under a full parallel test run
    /// on two cores one can take milliseconds (172/s seen in CI, ~8,000/s alone): 2,000 keep the
    /// ordering check and stay well inside the limit.
    @Test(.timeLimit(.minutes(3)))
    func twoThousandMessagesRoundTripInOrder() async throws {
        let router = try await Fixtures.router()
        let dealer = try await Fixtures.dealer("bulk", to: router)
        let count = 2_000
        // A failed send ends the conversation (closing the dealer ends the stream read below)
        // instead of leaving the reader waiting.
        let echo = Task {
            var received = 0
            for await (peer, envelope) in router.incoming {
                guard case .ping(let beat) = envelope.message else { continue }
                do {
                    try await router.send(.pong(beat), to: peer)
                } catch {
                    Issue.record("echo \(received): \(error)")
                    await dealer.close()
                }
                received += 1
                if received == count { break }
            }
        }
        let sender = Task {
            do {
                for index in 0..<count { try await dealer.send(.ping(Heartbeat(sentAt: Double(index)))) }
            } catch {
                Issue.record("ping: \(error)")
                await dealer.close()
            }
        }
        var expected = 0
        for await envelope in dealer.incoming {
            #expect(envelope.message == .pong(Heartbeat(sentAt: Double(expected))))
            expected += 1
            if expected == count { break }
        }
        await sender.value
        echo.cancel()
        await echo.value
        #expect(expected == count)
        await dealer.close()
        await router.close()
    }

    /// A peer that stops reading fills its queue; sends to it fail with `EAGAIN` after the send
    /// timeout, and another peer is served meanwhile.
    @Test(.timeLimit(.minutes(1)))
    func aStalledPeerTimesOutWithoutHoldingUpOthers() async throws {
        let tuning = SocketTuning(sendHighWaterMark: 2, receiveHighWaterMark: 2, heartbeat: nil)
        let router = try await RouterEndpoint(
            .init(bindAddress: "tcp://127.0.0.1:*", tuning: tuning, sendTimeout: .milliseconds(200)), logger: Fixtures.logger)
        var fromWorkers = router.incoming.makeAsyncIterator()
        let stalled = try RawDealer(connectTo: router.address, id: "stalled")
        try stalled.send([try FrameCodec().encode(.credit(Credit(n: 1)), msgID: 1)])
        #expect(await fromWorkers.next()?.peer == PeerID("stalled"))
        let lively = try await Fixtures.dealer("lively", to: router)
        try await lively.send(.credit(Credit(n: 1)))
        #expect(await fromWorkers.next()?.peer == PeerID("lively"))

        let big = Message.result(TaskResult(leaseID: "l", taskID: "t", summary: Data(repeating: 1, count: 1 << 16)))
        var failure: TransportError?
        for _ in 0..<2_000 where failure == nil {
            do {
                try await router.send(big, to: PeerID("stalled"))
            } catch {
                failure = error
            }
        }
        #expect(failure?.socketErrno == EAGAIN)
        try await router.send(.drain, to: PeerID("lively"))
        var livelyIn = lively.incoming.makeAsyncIterator()
        #expect(await livelyIn.next()?.message == .drain)
        stalled.close()
        await lively.close()
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func closeFinishesStreamsAndRefusesSends() async throws {
        let router = try await Fixtures.router()
        await router.close()
        for await _ in router.incoming { Issue.record("no message expected") }
        await #expect(throws: TransportError.closed) { try await router.send(.drain, to: PeerID("x")) }
        await router.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func bindingATakenAddressThrows() async throws {
        let router = try await Fixtures.router()
        let error = await #expect(throws: TransportError.self) {
            _ = try await RouterEndpoint(.init(bindAddress: router.address), logger: Fixtures.logger)
        }
        #expect(error?.socketErrno == EADDRINUSE)
        await router.close()
    }
}
