import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderRunner
import ColliderTesting
import ColliderTransport
import Foundation
import Testing

/// A worker whose connection closes (as a killed process's does) loses its task after the short
/// disconnect grace, not after heartbeat × liveness of silence: a real coordinator, real
/// loopback sockets, bare DEALERs as workers.
@Suite(.timeLimit(.minutes(2)))
struct DisconnectReleaseTests {
    /// Silence alone would release a lease only after 30 s; a closed connection after 2 s.
    static let policy = SchedulerPolicy(heartbeatInterval: 1, liveness: 30)

    static func dealer(_ id: String, at address: String) async throws -> DealerEndpoint {
        try await DealerEndpoint(
            DealerEndpoint.Configuration(connectAddress: address, routingID: id), logger: SweepFixtures.logger)
    }

    /// The next TASK on `inbox`, skipping other messages.
    static func nextTask(_ inbox: inout AsyncStream<Envelope>.Iterator) async -> TaskLease? {
        while let envelope = await inbox.next() {
            if case .task(let lease) = envelope.message { return lease }
        }
        return nil
    }

    @Test func aClosedWorkersTaskIsLeasedAgainLongBeforeItsSilenceWouldCount() async throws {
        let fixtures = try SweepFixtures()
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: try fixtures.config())
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: Self.policy,
            logger: SweepFixtures.logger, reportInterval: nil)
        let serving = Task { try await service.run() }

        let victim = try await Self.dealer("victim", at: service.address)
        var victimInbox = victim.incoming.makeAsyncIterator()
        try await victim.send(.hello(Hello(workerID: "victim", incarnation: 1, slots: 1)))
        try await victim.send(.credit(Credit(n: 1)))
        let taken = try #require(await Self.nextTask(&victimInbox))

        // A standby with room for every task takes the rest at once, and the victim's task
        // once it is released.
        let standby = try await Self.dealer("standby", at: service.address)
        var standbyInbox = standby.incoming.makeAsyncIterator()
        try await standby.send(.hello(Hello(workerID: "standby", incarnation: 1, slots: sweep.tasks.count)))
        try await standby.send(.credit(Credit(n: sweep.tasks.count)))
        try await Task.sleep(for: .milliseconds(300))

        let closedAt = ContinuousClock.now
        await victim.close()
        var again: TaskLease?
        while again == nil, let lease = await Self.nextTask(&standbyInbox) {
            if lease.task.id == taken.task.id { again = lease }
        }
        let waited = ContinuousClock.now - closedAt
        let lease = try #require(again)
        #expect(lease.attempt == taken.attempt + 1)
        // A generous bound, not a tight figure: the silence rule could not have fired before
        // 30 s after the victim's CREDIT, so well under that, the disconnect released it.
        #expect(waited < .seconds(Self.policy.leaseTimeout / 2), "re-leased \(waited) after the close")
        await standby.close()
        serving.cancel()
        _ = await serving.result
    }
}
