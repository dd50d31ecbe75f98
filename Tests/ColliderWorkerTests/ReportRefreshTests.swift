import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderReport
import ColliderTesting
import ColliderWorker
import Foundation
import SimProvider
import Testing

/// The coordinator keeps the results folder's report current without `collider report`.
@Suite(.timeLimit(.minutes(2)))
struct ReportRefreshTests {
    /// Every report file under `folder` (tables/, plots/, report.html) by relative path.
    static func reportFiles(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for sub in ["tables", "plots"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appending(path: sub).path)) ?? []
            for name in names { files["\(sub)/\(name)"] = try Data(contentsOf: folder.appending(path: sub).appending(path: name)) }
        }
        let page = folder.appending(path: "report.html")
        if FileManager.default.fileExists(atPath: page.path) { files["report.html"] = try Data(contentsOf: page) }
        return files
    }

    @Test func aFinishedSweepHasTheReportCollidersReportWouldWrite() async throws {
        let fixtures = try SweepFixtures(modes: "SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        // As `collider sweep` does: the config as loaded goes to sweep.json, the service gets it
        // pointed at the running provider.
        try EffectiveConfig.write(fixtures.config(), results: fixtures.results)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger, reportInterval: .milliseconds(100))
        let worker = FleetTests.worker("w", at: service.address, results: fixtures.results)
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask { try await worker.run(); return nil }
            let summary = try await service.run()
            await worker.stop()
            try await group.waitForAll()
            return summary
        }
        try await sim.stop()
        #expect(summary.succeeded, "\(summary)")

        let refreshed = try Self.reportFiles(fixtures.results)
        #expect(refreshed["tables/main.md"] != nil && refreshed["report.html"] != nil, "\(refreshed.keys.sorted())")
        let main = String(decoding: refreshed["tables/main.md"] ?? Data(), as: UTF8.self)
        #expect(main.contains("CCC") && main.contains("SSS"), "\(main)")
        // `collider report` on the same folder finds every file already as it would write it.
        let outcome = try ReportWriter.generate(directory: fixtures.results, environment: [:])
        let rebuilt = try Self.reportFiles(fixtures.results)
        #expect(Set(outcome.files) == Set(refreshed.keys))
        for (path, data) in rebuilt {
            #expect(refreshed[path] == data, "\(path) differs from what collider report writes")
        }
    }

    @Test func withoutAnIntervalTheCoordinatorWritesNoReport() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger, reportInterval: nil)
        let worker = FleetTests.worker("w", at: service.address, results: fixtures.results)
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask { try await worker.run(); return nil }
            let summary = try await service.run()
            await worker.stop()
            try await group.waitForAll()
            return summary
        }
        try await sim.stop()
        #expect(summary.succeeded, "\(summary)")
        #expect(try Self.reportFiles(fixtures.results).isEmpty)
    }
}
