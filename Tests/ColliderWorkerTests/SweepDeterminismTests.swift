import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import Foundation
import SimProvider
import Testing

/// A sweep's metric tables do not depend on how it ran (issue 5, item 7): byte-identical with one
/// worker or four, and after the sweep's process was SIGKILLed mid-way and resumed.
@Suite(.timeLimit(.minutes(4)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct SweepDeterminismTests {
    /// The tables `collider report` writes, by file name, except the cost tables: what a sweep
    /// spent depends on how often it was interrupted, what it measured must not.
    static func metricTables(_ results: URL) throws -> [String: Data] {
        let folder = results.appending(path: "tables")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.filter { !$0.hasPrefix("cost.") }.map {
            ($0, try Data(contentsOf: folder.appending(path: $0)))
        })
    }

    /// Rebuilds a finished sweep's report with `collider report` and returns its metric tables.
    static func reportedTables(_ fixtures: SweepFixtures) async throws -> [String: Data] {
        let (status, output) = try await ProcessTests.run(["report", fixtures.results.path])
        #expect(status == 0, "\(output)")
        return try metricTables(fixtures.results)
    }

    /// Expects two table sets to hold the same files with the same bytes, naming those that differ.
    static func expectIdentical(_ reference: [String: Data], _ other: [String: Data], _ what: String) {
        let differing = Set(reference.keys).union(other.keys).filter { reference[$0] != other[$0] }.sorted()
        #expect(reference.count >= 8, "too few tables to compare: \(reference.keys.sorted())")
        #expect(differing.isEmpty, "\(what): tables differ: \(differing)")
    }

    /// Two seeds of three modes with cherry-pick and both diagnostics: every table has data.
    static func fixtures() throws -> SweepFixtures {
        let fixtures = try SweepFixtures(steps: 2, modes: "single, SSS, CCC", diagnostics: true)
        let yaml = try String(contentsOfFile: fixtures.configPath, encoding: .utf8)
            .replacingOccurrences(of: "seeds: [1]", with: "seeds: [1, 2]")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: fixtures.configPath))
        return fixtures
    }

    @Test func oneWorkerAndFourWorkersWriteTheSameTables() async throws {
        var tables: [Int: [String: Data]] = [:]
        for workers in [1, 4] {
            let fixtures = try Self.fixtures()
            defer { fixtures.remove() }
            let (status, output) = try await ProcessTests.run(
                ["sweep", fixtures.configPath, "--workers", "\(workers)", "--results", fixtures.results.path])
            #expect(status == 0, "\(output)")
            tables[workers] = try await Self.reportedTables(fixtures)
        }
        Self.expectIdentical(try #require(tables[1]), try #require(tables[4]), "1 worker vs 4 workers")
    }

    @Test func aSweepSIGKILLedAndResumedWritesTheTablesOfACleanRun() async throws {
        // A provider answering in 50–100 ms, so the sweep is still young when it is killed.
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 50, latencyP99Milliseconds: 100), logger: SweepFixtures.logger)
        let clean = try Self.fixtures()
        let killed = try Self.fixtures()
        defer {
            clean.remove()
            killed.remove()
        }
        try clean.pointEndpoints(at: sim.baseURL)
        try killed.pointEndpoints(at: sim.baseURL)

        let (cleanStatus, cleanOutput) = try await ProcessTests.run(
            ["sweep", clean.configPath, "--workers", "2", "--results", clean.results.path])
        #expect(cleanStatus == 0, "\(cleanOutput)")

        let sweep = try SweepContext(config: killed.config())
        let process = try ProcessTests.start(["sweep", killed.configPath, "--workers", "2", "--results", killed.results.path])
        // Killed once the first run has a checkpoint past step 0: mid-run, with work behind and ahead.
        let runs = sweep.tasks.filter { $0.kind == .run }
        func someRunHasAStep() -> Bool {
            runs.contains { task in
                let file = TaskRecords.directory(results: killed.results, taskID: task.id).appending(path: "checkpoint.json")
                let checkpoint = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(RunCheckpoint.self, from: $0) }
                return (checkpoint?.step ?? 0) >= 1
            }
        }
        for _ in 0..<6_000 where !someRunHasAStep() {
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(process.processIdentifier, SIGKILL)
        #expect(sweep.tasks.contains { !TaskRecords.isDone(results: killed.results, taskID: $0.id) },
                "the sweep finished before it was killed")
        try await Task.sleep(for: .milliseconds(500))  // its workers notice and exit

        let (status, output) = try await ProcessTests.run(["resume", killed.results.path, "--workers", "2"])
        #expect(status == 0, "\(output)")
        Self.expectIdentical(
            try await Self.reportedTables(clean), try await Self.reportedTables(killed), "clean vs SIGKILLed and resumed")
        try await sim.stop()
    }
}
