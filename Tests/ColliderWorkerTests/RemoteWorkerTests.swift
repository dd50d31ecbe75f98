import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import ColliderTransport
import ColliderWorker
import Foundation
import SimProvider
import Testing

/// Workers that do not share the coordinator's disk, over real loopback sockets: each has its own
/// results folder, and the data file the config names is gone or differs. They fetch the data set
/// and the analyses' inputs from the coordinator.
@Suite(.timeLimit(.minutes(3)))
struct RemoteWorkerTests {
    /// Runs `sweep` with a fresh coordinator whose store is under `store` and one worker per
    /// folder in `workers`. The workers start before the coordinator serves, so the first leases
    /// go to all of them.
    static func run(_ sweep: SweepContext, store: URL, workers folders: [URL]) async throws -> SweepSummary {
        let service = try await CoordinatorService(
            sweep: sweep, results: store, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger)
        let workers = folders.enumerated().map { index, folder in
            FleetTests.worker("remote\(index)", at: service.address, results: folder)
        }
        return try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            for worker in workers { group.addTask { try await worker.run(); return nil } }
            // HELLO and CREDIT of every worker wait in the socket until the coordinator serves.
            try await Task.sleep(for: .milliseconds(300))
            let summary = try await service.run()
            for worker in workers { await worker.stop() }
            try await group.waitForAll()
            return summary
        }
    }

    /// The cherry-pick task's `result.json` and the folder of the worker that wrote it.
    static func cherryPickResult(_ sweep: SweepContext, in folders: [URL]) throws -> (Data, URL) {
        let task = try #require(sweep.tasks.first { $0.kind == .cherryPick })
        let written = folders.filter {
            FileManager.default.fileExists(
                atPath: TaskRecords.directory(results: $0, taskID: task.id).appending(path: "result.json").path)
        }
        let folder = try #require(written.first, "no worker wrote the cherry-pick result")
        #expect(written.count == 1)
        let data = try Data(contentsOf: TaskRecords.directory(results: folder, taskID: task.id).appending(path: "result.json"))
        return (data, folder)
    }

    @Test(arguments: ["deleted", "another data set"])
    func workersWithoutTheDataFileFetchItFromTheCoordinator(_ local: String) async throws {
        let fixtures = try SweepFixtures(steps: 1, modes: "CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        // The coordinator loaded the data; now the workers' host has none, or other rows.
        let dataFile = fixtures.folder.appending(path: "data.jsonl")
        try FileManager.default.removeItem(at: dataFile)
        if local != "deleted" {
            try Data(SyntheticDataset.generate(rows: 32, seed: 99).joined(separator: "\n").utf8).write(to: dataFile)
        }
        let folders = ["w1", "w2"].map { fixtures.folder.appending(path: $0) }
        let summary = try await Self.run(sweep, store: fixtures.results, workers: folders)
        #expect(summary.succeeded, "\(summary)")
        #expect(summary.counts["done"] == sweep.tasks.count)
        let task = try #require(sweep.tasks.first)
        let ranIn = folders.filter { TaskRecords.isDone(results: $0, taskID: task.id) }
        #expect(ranIn.count == 1)
        for folder in ranIn {
            let cached = folder.appending(path: ".datasets").appending(path: "\(sweep.datasetFingerprint).jsonl")
            var config = sweep.config.dataset
            config.path = cached.path
            #expect(try DatasetLoader.load(config).fingerprint == sweep.datasetFingerprint)
        }
        try await sim.stop()
    }

    @Test func cherryPickOnWorkersWithTheirOwnFoldersEqualsASingleWorkersResult() async throws {
        let fixtures = try SweepFixtures(steps: 2, modes: "single")
        defer { fixtures.remove() }
        // Slow enough replies that each worker is still on its first run when the other joins.
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 20, latencyP99Milliseconds: 60), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let cherryPick = try #require(sweep.tasks.first { $0.kind == .cherryPick })
        #expect(cherryPick.dependsOn.count == 4)

        let alone = fixtures.folder.appending(path: "alone")
        let single = try await Self.run(sweep, store: alone.appending(path: "store"), workers: [alone])
        #expect(single.succeeded, "\(single)")
        let (expected, _) = try Self.cherryPickResult(sweep, in: [alone])

        // The second fleet's host has no data file either.
        try FileManager.default.removeItem(at: fixtures.folder.appending(path: "data.jsonl"))
        let folders = ["first", "second"].map { fixtures.folder.appending(path: $0) }
        let shared = try await Self.run(sweep, store: fixtures.results, workers: folders)
        #expect(shared.succeeded, "\(shared)")
        let (result, folder) = try Self.cherryPickResult(sweep, in: folders)
        #expect(result == expected)
        // The worker that ran the cherry-pick did not run every run it depends on.
        let local = cherryPick.dependsOn.filter { TaskRecords.isDone(results: folder, taskID: $0) }
        #expect(local.count < cherryPick.dependsOn.count, "one worker ran every dependency: \(local.count)")
        // The coordinator's folder holds every task's records, as the worker that ran it wrote them.
        for task in sweep.tasks {
            #expect(TaskRecords.isDone(results: fixtures.results, taskID: task.id), "\(task.kind) missing at the coordinator")
            let ranIn = try #require(folders.first { TaskRecords.isDone(results: $0, taskID: task.id) })
            let here = try TaskRecords.files(in: TaskRecords.directory(results: fixtures.results, taskID: task.id))
            #expect(here == (try TaskRecords.files(in: TaskRecords.directory(results: ranIn, taskID: task.id))))
            #expect(here["summary.json"] != nil && (task.kind == .run ? here["steps.jsonl"] : here["result.json"]) != nil)
        }
        try await sim.stop()
    }

    @Test func diagnosticsRunOnWorkersWithTheirOwnFolders() async throws {
        let fixtures = try SweepFixtures(steps: 1, modes: "CCC", diagnostics: true)
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        try FileManager.default.removeItem(at: fixtures.folder.appending(path: "data.jsonl"))
        let diagnostics = sweep.tasks.filter { $0.kind == .gradientSpecificity || $0.kind == .feedbackAdherence }
        #expect(diagnostics.count == 2)
        let folders = ["first", "second"].map { fixtures.folder.appending(path: $0) }
        let summary = try await Self.run(sweep, store: fixtures.results, workers: folders)
        #expect(summary.succeeded, "\(summary)")
        for task in diagnostics {
            #expect(folders.contains { TaskRecords.isDone(results: $0, taskID: task.id) }, "\(task.kind) not done")
        }
        // The worker that did not run the judged run still judged it (it had credit first).
        let run = try #require(sweep.tasks.first { $0.kind == .run })
        let idle = try #require(folders.first { !TaskRecords.isDone(results: $0, taskID: run.id) })
        #expect(diagnostics.contains { TaskRecords.isDone(results: idle, taskID: $0.id) })
        try await sim.stop()
    }

    @Test func theCoordinatorRefusesWhatItDoesNotHaveAndKeepsServing() async throws {
        let fixtures = try SweepFixtures(steps: 1, modes: "CCC")
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: try fixtures.config())
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger)
        let serving = Task { try await service.run() }
        let dealer = try await DealerEndpoint(
            DealerEndpoint.Configuration(connectAddress: service.address, routingID: "probe"), logger: SweepFixtures.logger)
        var replies = dealer.incoming.makeAsyncIterator()
        func ask(_ message: Message) async throws -> Message? {
            try await dealer.send(message)
            while let envelope = await replies.next() {
                switch envelope.message {
                case .data, .steps: return envelope.message
                default: continue
                }
            }
            return nil
        }
        let fingerprint = sweep.datasetFingerprint
        guard case .data(let other) = try await ask(.dataRequest(DataRequest(fingerprint: "f00d", offset: 0))) else {
            Issue.record("no DATA reply")
            return
        }
        #expect(other.error?.contains("not f00d") == true)
        guard case .data(let first) = try await ask(.dataRequest(DataRequest(fingerprint: fingerprint, offset: 0))) else {
            Issue.record("no DATA reply")
            return
        }
        #expect(first.error == nil && first.totalBytes == first.bytes.count && SHA256Hex.of(first.bytes) == first.sha256)
        guard case .data(let past) = try await ask(.dataRequest(DataRequest(fingerprint: fingerprint, offset: 1 << 40)))
        else {
            Issue.record("no DATA reply")
            return
        }
        #expect(past.error?.contains("outside") == true)
        guard case .steps(let unknown) = try await ask(.stepsRequest(StepsRequest(taskID: "nope", afterStep: -1))) else {
            Issue.record("no STEPS reply")
            return
        }
        #expect(unknown.error?.contains("not in this sweep's plan") == true)
        let run = try #require(sweep.tasks.first)
        guard case .steps(let none) = try await ask(.stepsRequest(StepsRequest(taskID: run.id, afterStep: -1))) else {
            Issue.record("no STEPS reply")
            return
        }
        #expect(none.error == nil && none.records.isEmpty && none.complete)
        await dealer.close()
        // The probe is no worker and nothing was leased: stop serving (a drain would wait for
        // a lease to end).
        serving.cancel()
        _ = await serving.result
    }
}
