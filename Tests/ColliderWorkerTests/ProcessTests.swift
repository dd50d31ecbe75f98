import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import Foundation
import SimProvider
import Testing

/// Real `collider` processes: the one-command sweep, and a worker process SIGKILLed mid-task.
@Suite(.timeLimit(.minutes(2)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct ProcessTests {
    /// Starts `collider ARGUMENTS…` with its standard output in a pipe.
    static func start(_ arguments: [String], output: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = colliderExecutable
        process.arguments = arguments
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `collider ARGUMENTS…` to the end; returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        let pipe = Pipe()
        let process = try start(arguments, output: pipe)
        let output = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile())
            }
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func aFinishedSweepRunAgainSendsNothing() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let arguments = ["sweep", fixtures.configPath, "--workers", "2", "--results", fixtures.results.path]
        let (firstStatus, first) = try await Self.run(arguments)
        #expect(firstStatus == 0, "\(first)")
        #expect(first.contains("sweep completed: done 1;"))
        let (secondStatus, second) = try await Self.run(arguments)
        #expect(secondStatus == 0, "\(second)")
        // The stored call count (the last number after "calls") is the same after the second run.
        func calls(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { $0.hasPrefix("done ") }.compactMap {
                $0.split(separator: "  ").first { $0.hasPrefix("calls ") }
            }
        }
        #expect(calls(first).last != nil && calls(second).allSatisfy { $0 == calls(first).last })
    }

    @Test func aSIGKILLedWorkerProcessesTaskFinishesOnAnotherFromItsCheckpoint() async throws {
        let fixtures = try SweepFixtures(steps: 3, modes: "CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 50, latencyP99Milliseconds: 100), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let task = try #require(sweep.tasks.first)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger)
        let worker = { (id: String) in
            try Self.start(["worker", "--connect", service.address, "--id", id, "--results", fixtures.results.path])
        }
        let running = Task { try await service.run() }
        let first = try worker("doomed")
        let writer = try RunRecordWriter(results: fixtures.results, taskID: task.id)
        for _ in 0..<1_500 where (try? writer.latestCheckpoint())?.step ?? -1 < 1 {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(first.processIdentifier, SIGKILL)
        #expect(!TaskRecords.isDone(results: fixtures.results, taskID: task.id), "killed after the task finished")
        let second = try worker("survivor")
        defer { if second.isRunning { second.terminate() } }
        let summary = try await running.value
        #expect(summary.succeeded, "\(summary)")
        #expect(try TaskRecords.steps(results: fixtures.results, taskID: task.id).map(\.step) == [0, 1, 2, 3])
        let requests = try await FleetTests.simRequests(sim)
        let calls = try await service.status().calls
        #expect(requests < calls + calls / 2, "requests \(requests), calls \(calls)")
        try await sim.stop()
    }

    @Test func aSIGTERMedWorkerLeavesAndItsTaskFinishesElsewhereWithoutARetry() async throws {
        let fixtures = try SweepFixtures(steps: 3, modes: "CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 50, latencyP99Milliseconds: 100), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let task = try #require(sweep.tasks.first)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger)
        let worker = { (id: String) in
            try Self.start(["worker", "--connect", service.address, "--id", id, "--results", fixtures.results.path])
        }
        let running = Task { try await service.run() }
        let first = try worker("leaving")
        let checkpoint = TaskRecords.directory(results: fixtures.results, taskID: task.id).appending(path: "checkpoint.json")
        for _ in 0..<1_500 where !FileManager.default.fileExists(atPath: checkpoint.path) {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(first.processIdentifier, SIGTERM)
        for _ in 0..<1_500 where first.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!first.isRunning && first.terminationStatus == 0, "a SIGTERMed worker leaves and exits 0")
        #expect(!TaskRecords.isDone(results: fixtures.results, taskID: task.id), "SIGTERMed after the task finished")
        let second = try worker("staying")
        defer { if second.isRunning { second.terminate() } }
        let summary = try await running.value
        #expect(summary.succeeded, "\(summary)")
        let stored = try SweepStore(readingAt: fixtures.results.appending(path: "collider.sqlite")).loadSnapshot()
        #expect(stored.tasks.first { $0.task.id == task.id }?.attempt == 0, "leaving spent a retry")
        try await sim.stop()
    }

    @Test func aSIGTERMedSweepDrainsWithinItsTimeoutAndResumes() async throws {
        // A provider answering in 100–200 ms: each run takes seconds, longer than the drain timeout.
        let fixtures = try SweepFixtures(steps: 3, modes: "single, SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 100, latencyP99Milliseconds: 200), logger: SweepFixtures.logger)
        try fixtures.pointEndpoints(at: sim.baseURL)
        let sweep = try SweepContext(config: fixtures.config())
        let pipe = Pipe()
        let process = try Self.start(
            ["sweep", fixtures.configPath, "--workers", "2", "--drain-timeout", "2", "--results", fixtures.results.path],
            output: pipe)
        let checkpoints = sweep.tasks.filter { $0.kind == .run }.map {
            TaskRecords.directory(results: fixtures.results, taskID: $0.id).appending(path: "checkpoint.json").path
        }
        for _ in 0..<3_000 where !checkpoints.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGTERM)
        // The drain ends within its 2 s timeout plus a heartbeat or two (bounded generously here).
        for _ in 0..<3_000 where process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!process.isRunning, "the SIGTERMed sweep did not end")
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1 && output.contains("sweep drained:"), "\(output)")
        // Consistent store: nothing left leased, nothing failed; the rest resumes.
        let stored = try SweepStore(readingAt: fixtures.results.appending(path: "collider.sqlite")).loadSnapshot()
        #expect(!stored.tasks.contains { $0.status == .leased || $0.status == .unknown })
        #expect(stored.tasks.contains { $0.status == .pending }, "the sweep finished before it was drained")
        #expect(stored.tasks.allSatisfy { $0.attempt == 0 })
        let (status, resumed) = try await Self.run(["resume", fixtures.results.path, "--workers", "2"])
        #expect(status == 0 && resumed.contains("sweep completed: done \(sweep.tasks.count);"), "\(resumed)")
        try await sim.stop()
    }

    @Test func aSweepWhoseProcessWasSIGKILLedFinishesWithResume() async throws {
        // Seven tasks of three steps on a provider that answers in 100–200 ms: a run takes seconds,
        // so when the sweep is killed at the first run's start most of it is still ahead, on a fast
        // machine as on a loaded one.
        let fixtures = try SweepFixtures(steps: 3, modes: "single, SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 100, latencyP99Milliseconds: 200), logger: SweepFixtures.logger)
        try fixtures.pointEndpoints(at: sim.baseURL)
        let sweep = try SweepContext(config: fixtures.config())
        let sweepProcess = try Self.start(["sweep", fixtures.configPath, "--workers", "2", "--results", fixtures.results.path])
        // Killed as soon as a worker has opened a run's records folder.
        let runFolders = sweep.tasks.filter { $0.kind == .run }.map {
            TaskRecords.directory(results: fixtures.results, taskID: $0.id).path
        }
        for _ in 0..<3_000 where !runFolders.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(sweepProcess.processIdentifier, SIGKILL)
        let unfinished = sweep.tasks.filter { !TaskRecords.isDone(results: fixtures.results, taskID: $0.id) }
        #expect(!unfinished.isEmpty, "the sweep finished before it was killed")
        try await Task.sleep(for: .milliseconds(500))  // its workers notice and exit

        let (status, output) = try await Self.run(["resume", fixtures.results.path, "--workers", "2"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("sweep completed: done \(sweep.tasks.count);"), "\(output)")
        for task in sweep.tasks {
            #expect(TaskRecords.isDone(results: fixtures.results, taskID: task.id))
        }
        try await sim.stop()
    }

    @Test func aNonLoopbackBindWithoutCurveIsRefused() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let (status, _) = try await Self.run(["coordinator", fixtures.configPath, "--bind", "tcp://0.0.0.0:5999"])
        #expect(status == 64)  // a usage error, before anything is opened
        #expect(!FileManager.default.fileExists(atPath: fixtures.results.path))
    }

    @Test func aSweepOverItsBudgetIsRefusedUnlessAllowed() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        var yaml = try String(contentsOfFile: fixtures.configPath, encoding: .utf8)
        yaml += "budget: {max_usd: 0.000001}\n"
        try yaml.write(toFile: fixtures.configPath, atomically: true, encoding: .utf8)
        let (status, _) = try await Self.run(["sweep", fixtures.configPath, "--results", fixtures.results.path])
        #expect(status == 2)
        #expect(!FileManager.default.fileExists(atPath: fixtures.results.path))
    }
}
