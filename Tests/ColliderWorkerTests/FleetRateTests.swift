import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderRunner
import ColliderTesting
import ColliderTransport
import ColliderWorker
import Foundation
import FoundationNetworking
import SimProvider
import Testing

/// Four in-process workers share one rate-limited simulated provider through a real coordinator:
/// the fleet budget keeps them, together, within the limit each of them is configured with.
@Suite(.timeLimit(.minutes(4)))
struct FleetRateTests {
    static func stats(_ sim: RunningSimProvider) async throws -> SimStatsSnapshot {
        let url = try #require(URL(string: "http://\(sim.host):\(sim.port)/sim/stats"))
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONDecoder().decode(SimStatsSnapshot.self, from: data)
    }

    @Test func fourWorkersTogetherStayWithinTheEndpointsLimit() async throws {
        let fixtures = try SweepFixtures(steps: 2, modes: "SSS, CCC, single")
        defer { fixtures.remove() }
        // Each worker alone would pace to 1,200/min; four of them unshared would send up to 4×.
        let rpm = 1_200
        let sim = try await SimProvider.start(
            SimProvider.Options(
                requestsPerMinute: rpm, burstSeconds: 1, latencyP50Milliseconds: 20, latencyP99Milliseconds: 60),
            logger: SweepFixtures.logger)
        var config = try fixtures.config()
        config.endpoints = LLMProvisioner.pointingSimulated(config.endpoints, at: sim.baseURL)
        config.endpoints["sim"]?.requestsPerMinute = rpm
        let sweep = try SweepContext(config: config)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger)
        let workers = (0..<4).map { FleetTests.worker("rate\($0)", at: service.address, results: fixtures.results) }
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            for worker in workers { group.addTask { try await worker.run(); return nil } }
            let summary = try await service.run()
            for worker in workers { await worker.stop() }
            try await group.waitForAll()
            return summary
        }
        #expect(summary.succeeded, "\(summary)")
        let stats = try await Self.stats(sim)
        let limited = stats.byStatus["429"] ?? 0
        #expect(stats.requests > 200, "too small a sweep to say anything: \(stats.requests) requests")
        // Unshared, four workers pacing to the full limit each draw 429s on a large share of
        // their attempts; shared, a few at most (a generous bound for a loaded machine).
        #expect(Double(limited) <= 0.05 * Double(stats.requests), "\(limited) of \(stats.requests) answered 429")
        try await sim.stop()
    }

    /// The next message of `type` on `dealer`, skipping others.
    static func next(_ type: MessageType, on iterator: inout AsyncStream<Envelope>.Iterator) async -> Message? {
        while let envelope = await iterator.next() {
            if envelope.message.type == type { return envelope.message }
        }
        return nil
    }

    @Test func theCoordinatorSplitsGrantsAndPausesEveryHolderOnAReported429() async throws {
        let fixtures = try SweepFixtures()
        defer { fixtures.remove() }
        var config = try fixtures.config()
        config.endpoints["sim"]?.requestsPerMinute = 6_000
        config.endpoints["sim"]?.baseURL = "http://127.0.0.1:9"
        // Grants of 5 s (the longest allowed): the first stays live while the second asks, however
        // slowly a loaded machine runs this test.
        let ratePolicy = FleetBudgetPolicy(grantSeconds: 5)
        let service = try await CoordinatorService(
            sweep: try SweepContext(config: config), results: fixtures.results, bind: "tcp://127.0.0.1:*",
            policy: FleetTests.policy, ratePolicy: ratePolicy, logger: SweepFixtures.logger)
        let serving = Task { try await service.run() }
        let dealers = try await withThrowingTaskGroup(of: DealerEndpoint.self) { group in
            for id in ["ra", "rb"] {
                group.addTask {
                    try await DealerEndpoint(
                        DealerEndpoint.Configuration(connectAddress: service.address, routingID: id),
                        logger: SweepFixtures.logger)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var inboxes = dealers.map { $0.incoming.makeAsyncIterator() }
        // Both ask for the whole limit: the first takes it, the second waits; once the first renews
        // (as workers do at half a grant), each holds half.
        let whole = RateRequest(endpoint: "sim", requests: Int(100 * ratePolicy.grantSeconds), tokens: 0)
        var grants: [ColliderTransport.RateGrant] = []
        for index in [0, 1, 0, 1] {
            _ = try await dealers[index].send(.rateRequest(whole))
            guard case .rateGrant(let grant) = await Self.next(.rateGrant, on: &inboxes[index]) else {
                Issue.record("no grant for dealer \(index)")
                return
            }
            grants.append(grant)
        }
        let rates = grants.map { Double($0.requests) / max($0.seconds ?? 0, 1e-9) }
        #expect(abs(rates[0] - 100) < 1e-6 && rates[1] == 0, "\(grants)")
        #expect(abs(rates[2] - 50) < 1e-6 && abs(rates[3] - 50) < 1e-6, "\(grants)")
        // A reported 429 pauses both, for its Retry-After.
        _ = try await dealers[1].send(
            .rateRequest(RateRequest(endpoint: "sim", requests: 200, tokens: 0, rateLimited: 1, retryAfterSeconds: 3)))
        for index in 0..<2 {
            guard case .ratePause(let pause) = await Self.next(.ratePause, on: &inboxes[index]) else {
                Issue.record("no pause for dealer \(index)")
                continue
            }
            #expect(pause.endpoint == "sim" && pause.untilSeconds > 2 && pause.untilSeconds <= 3)
        }
        guard case .rateGrant(let paused) = await Self.next(.rateGrant, on: &inboxes[1]) else {
            Issue.record("no grant after the pause")
            return
        }
        #expect(paused.requests == 0)
        for dealer in dealers { await dealer.close() }
        serving.cancel()
        _ = await serving.result
    }
}
