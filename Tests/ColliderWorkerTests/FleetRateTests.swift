import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderRunner
import ColliderTesting
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
}
