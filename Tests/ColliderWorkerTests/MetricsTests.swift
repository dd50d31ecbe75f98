import ColliderCoordinator
import ColliderCoordinatorService
import ColliderTesting
import Foundation
import FoundationNetworking
import SimProvider
import Testing

/// `GET /metrics` of a coordinator, scraped over loopback during and after a tiny sweep.
@Suite(.timeLimit(.minutes(2)))
struct MetricsTests {
    static func scrape(_ port: Int) async throws -> [String: Double] {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/metrics"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain") == true)
        var samples: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            try #require(parts.count == 2, "\(line)")
            guard let value = Double(String(parts[1])) else {
                Issue.record("not a number: \(line)")
                continue
            }
            samples[String(parts[0])] = value
        }
        return samples
    }

    @Test func aScrapeShowsTheSweepAsItRunsAndWhenItEnds() async throws {
        let fixtures = try SweepFixtures(steps: 2, modes: "SSS, CCC")
        defer { fixtures.remove() }
        // A provider answering in 200–400 ms keeps a lease in flight long enough to be scraped.
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 200, latencyP99Milliseconds: 400), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger, reportInterval: nil)
        let metrics = try await MetricsServer.start(for: service, port: 0, logger: SweepFixtures.logger)
        let worker = FleetTests.worker("w", at: service.address, results: fixtures.results)
        let running = Task { try await service.run() }
        let working = Task { try await worker.run() }

        var during: [String: Double] = [:]
        for _ in 0..<600 {
            during = try await Self.scrape(metrics.port)
            if during["collider_leases_active"] == 1 || during["collider_tasks{state=\"done\"}"] == Double(sweep.tasks.count) {
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(during["collider_leases_active"] == 1, "\(during)")
        #expect(during["collider_workers_connected"] == 1)
        #expect(during["collider_tasks{state=\"leased\"}"] == 1)
        #expect(during["collider_endpoint_rate_factor{endpoint=\"sim\"}"] == 1)

        let summary = try await running.value
        await worker.stop()
        try await working.value
        #expect(summary.succeeded, "\(summary)")
        let after = try await Self.scrape(metrics.port)
        #expect(after["collider_tasks{state=\"done\"}"] == Double(sweep.tasks.count), "\(after)")
        #expect(after["collider_leases_active"] == 0)
        #expect((after["collider_calls_total{role=\"all\"}"] ?? 0) > 0 && (after["collider_dollars_total"] ?? 0) > 0)
        #expect((after["collider_frames_received_total"] ?? 0) > 0)
        #expect(after["collider_frames_dropped_total{reason=\"malformed\"}"] == 0)
        // Every task went out as a TASK against a CREDIT, and was timed.
        #expect(after["collider_dispatch_tasks_total"] == Double(sweep.tasks.count), "\(after)")
        #expect((after["collider_dispatch_seconds{quantile=\"0.99\"}"] ?? 0) > 0)
        try await metrics.stop()
        try await sim.stop()
    }
}
