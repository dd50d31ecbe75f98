import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderTesting
import ColliderWorker
import Foundation
import SimProvider
import Testing

/// `collider status` against a running coordinator (STATUS over its ROUTER) and its store.
@Suite(.timeLimit(.minutes(2)))
struct StatusTests {
    @Test func aRunningCoordinatorAndItsStoreBothReportTheSweep() async throws {
        // Runs of seconds on a provider that answers in 200–400 ms: a lease is in flight long
        // enough to be seen, on a fast machine as on a loaded one.
        let fixtures = try SweepFixtures(steps: 2, modes: "SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 200, latencyP99Milliseconds: 400), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger, reportInterval: nil)
        let worker = FleetTests.worker("w", at: service.address, results: fixtures.results)
        let running = Task { try await service.run() }
        let working = Task { try await worker.run() }

        // Asked while a task runs: the coordinator's live view.
        var live: StatusReport?
        for _ in 0..<600 {
            // An unanswered request (a loaded machine) is asked again; a finished sweep ends the wait.
            guard let report = try? await StatusClient.fetch(service.address, timeout: .seconds(2), logger: SweepFixtures.logger)
            else { continue }
            if report.running?.isEmpty == false { live = report; break }
            if report.counts["done"] == sweep.tasks.count { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let report = try #require(live)
        #expect(report.source == .coordinator && report.sweep == "tiny")
        #expect(report.counts.values.reduce(0, +) == sweep.tasks.count)
        #expect(report.endpoints?.map(\.endpoint) == ["sim"] && report.endpoints?.first?.rateFactor == 1)
        #expect(report.workers.contains { $0.worker == "w" && $0.connected == true }, "\(report.workers)")
        #expect(report.running?.first?.worker == "w")
        // The store, read beside the running coordinator.
        let during = try SweepStore(readingAt: fixtures.results.appending(path: "collider.sqlite")).statusReport()
        #expect(during.source == .store && during.counts.values.reduce(0, +) == sweep.tasks.count)

        let summary = try await running.value
        await worker.stop()
        try await working.value
        try await sim.stop()
        #expect(summary.succeeded, "\(summary)")
        let after = try SweepStore(readingAt: fixtures.results.appending(path: "collider.sqlite")).statusReport()
        #expect(after.counts == ["done": sweep.tasks.count])
        #expect(after.calls > 0 && after.dollars > 0 && after.failures.isEmpty && after.suspect.isEmpty)
        #expect(after.cells.map(\.mode).contains("CCC") && after.workers.map(\.worker) == ["w"], "\(after.workers)")
        // The monitor was never taken for a worker: no lease went to it.
        #expect(!after.workers.contains { $0.worker.hasPrefix("status-") })
    }

    @Test func noCoordinatorMeansAClearError() async throws {
        await #expect(throws: StatusClient.Failure.self) {
            try await StatusClient.fetch("tcp://127.0.0.1:9", timeout: .milliseconds(300), logger: SweepFixtures.logger)
        }
    }
}
