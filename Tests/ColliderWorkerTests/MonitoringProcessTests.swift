import ColliderCoordinator
import ColliderTesting
import Foundation
import Testing

/// The monitoring side of the real `collider` executable: the report written during `sweep`, the
/// metrics URL it prints, and `collider status` on the results folder.
@Suite(.timeLimit(.minutes(2)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct MonitoringProcessTests {
    @Test func aSweepLeavesItsReportAndStatusReadsItsStore() async throws {
        let fixtures = try SweepFixtures(modes: "SSS, CCC")
        defer { fixtures.remove() }
        let (status, output) = try await ProcessTests.run([
            "sweep", fixtures.configPath, "--workers", "1", "--results", fixtures.results.path, "--metrics-port", "0",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("metrics on http://127.0.0.1:"), "\(output)")
        #expect(output.contains("sweep completed: done 2;"), "\(output)")
        // Written by the sweep itself, not by `collider report`.
        for file in ["tables/main.md", "tables/per_step.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: fixtures.results.appending(path: file).path), "\(file)")
        }

        let (jsonStatus, json) = try await ProcessTests.run(["status", fixtures.results.path, "--json"])
        #expect(jsonStatus == 0, "\(json)")
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(json.utf8))
        #expect(report.source == .store && report.counts == ["done": 2] && report.calls > 0)
        let (textStatus, text) = try await ProcessTests.run(["status", fixtures.results.path])
        #expect(textStatus == 0 && text.hasPrefix("sweep tiny (from the store): done 2"), "\(text)")

        let (missingStatus, _) = try await ProcessTests.run(["status", fixtures.folder.appending(path: "nowhere").path])
        #expect(missingStatus == 2)
    }
}
