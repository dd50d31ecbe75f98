import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import ColliderWorker
import Foundation
import FoundationNetworking
import SimProvider
import Testing

/// A coordinator and in-process workers over real loopback sockets, a real store and one shared
/// simulated provider.
@Suite(.timeLimit(.minutes(2)))
struct FleetTests {
    /// A fast policy: 200 ms heartbeats, leases lapse after 2 s of silence (the slack is for
    /// two busy cores).
    static let policy = SchedulerPolicy(heartbeatInterval: 0.2, liveness: 10, backoffBase: 0.1)

    static func worker(_ id: String, at address: String, results: URL) -> Worker {
        Worker(
            options: WorkerOptions(
                connect: address, workerID: id, slots: 1, results: results, environment: [:],
                heartbeat: .milliseconds(200)),
            logger: SweepFixtures.logger)
    }

    /// The sweep of `fixtures` with its sim endpoint pointed at `sim`.
    static func sweep(_ fixtures: SweepFixtures, sim: RunningSimProvider) throws -> SweepContext {
        var config = try fixtures.config()
        config.endpoints = LLMProvisioner.pointingSimulated(config.endpoints, at: sim.baseURL)
        return try SweepContext(config: config)
    }

    static func simRequests(_ sim: RunningSimProvider) async throws -> Int {
        let url = try #require(URL(string: "http://\(sim.host):\(sim.port)/sim/stats"))
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONDecoder().decode(SimStatsSnapshot.self, from: data).requests
    }

    @Test func twoWorkersCompleteASweepAndARerunSendsNothing() async throws {
        let fixtures = try SweepFixtures()
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        let sweep = try Self.sweep(fixtures, sim: sim)
        for pass in 1...2 {
            let service = try await CoordinatorService(
                sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: Self.policy,
                logger: SweepFixtures.logger)
            let workers = ["a", "b"].map { Self.worker("\($0)\(pass)", at: service.address, results: fixtures.results) }
            let before = try await Self.simRequests(sim)
            let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
                for worker in workers { group.addTask { try await worker.run(); return nil } }
                let summary = try await service.run()
                for worker in workers { await worker.stop() }
                try await group.waitForAll()
                return summary
            }
            #expect(summary.succeeded, "pass \(pass): \(summary)")
            #expect(summary.counts["done"] == sweep.tasks.count)
            for task in sweep.tasks {
                #expect(TaskRecords.isDone(results: fixtures.results, taskID: task.id))
            }
            let sent = try await Self.simRequests(sim) - before
            if pass == 1 { #expect(sent > 0) } else { #expect(sent == 0) }
        }
        try await sim.stop()
    }

    @Test func aDrainWithNothingInFlightEndsTheSweepAtOnce() async throws {
        let fixtures = try SweepFixtures()
        defer { fixtures.remove() }
        let service = try await CoordinatorService(
            sweep: try SweepContext(config: fixtures.config()), results: fixtures.results, bind: "tcp://127.0.0.1:*",
            policy: Self.policy, logger: SweepFixtures.logger)
        let running = Task { try await service.run() }
        try await service.drain()
        let summary = try await running.value
        #expect(summary.reason == .drained)
        let tasks = try SweepContext(config: fixtures.config()).tasks.count
        #expect(summary.counts["pending"] == tasks)
    }

    @Test func aKilledWorkersTaskIsReLeasedAndFinishesFromItsCheckpoint() async throws {
        let fixtures = try SweepFixtures(steps: 3, modes: "CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 50, latencyP99Milliseconds: 100), logger: SweepFixtures.logger)
        let sweep = try Self.sweep(fixtures, sim: sim)
        let task = try #require(sweep.tasks.first)
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: Self.policy,
            logger: SweepFixtures.logger)
        let first = Self.worker("first", at: service.address, results: fixtures.results)
        let second = Self.worker("second", at: service.address, results: fixtures.results)
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask { try await service.run() }
            group.addTask { try await first.run(); return nil }
            // Kill the first worker once it has checkpointed step 1; then the second one joins.
            let writer = try RunRecordWriter(results: fixtures.results, taskID: task.id)
            for _ in 0..<600 where (try? writer.latestCheckpoint())?.step ?? -1 < 1 {
                try await Task.sleep(for: .milliseconds(20))
            }
            await first.stop()
            #expect(!TaskRecords.isDone(results: fixtures.results, taskID: task.id), "stopped after the task finished")
            group.addTask { try await second.run(); return nil }
            var summary: SweepSummary?
            while let next = try await group.next() {
                if let next { summary = next }
                if summary != nil { await second.stop() }
            }
            return try #require(summary)
        }
        #expect(summary.succeeded, "\(summary)")
        let steps = try TaskRecords.steps(results: fixtures.results, taskID: task.id).map(\.step)
        #expect(steps == [0, 1, 2, 3])
        let store = try SweepStore(
            at: fixtures.results.appending(path: "collider.sqlite"), sweepName: sweep.config.name, configJSON: "{}",
            now: Date())
        #expect(try store.stepRecords(for: task.id).map(\.step) == [0, 1, 2, 3])
        // Resumed, not restarted: at most the interrupted step's calls were sent twice.
        let requests = try await Self.simRequests(sim)
        let summaryJSON = try Data(
            contentsOf: TaskRecords.directory(results: fixtures.results, taskID: task.id).appending(path: "summary.json"))
        let calls = try JSONDecoder().decode(Calls.self, from: summaryJSON).calls.total
        #expect(requests >= calls && requests < calls + calls / 2, "requests \(requests), logical calls \(calls)")
        try await sim.stop()
    }

    @Test func drainingFinishesTheLeaseInFlightAndLeasesNothingMore() async throws {
        let fixtures = try SweepFixtures(steps: 2, modes: "SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 50, latencyP99Milliseconds: 100), logger: SweepFixtures.logger)
        let sweep = try Self.sweep(fixtures, sim: sim)
        // A lease that outlives a loaded machine's scheduling hiccups (10 s): the in-flight task
        // must finish under the drain, not expire and go back to pending.
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*",
            policy: SchedulerPolicy(heartbeatInterval: 0.2, liveness: 50, backoffBase: 0.1), logger: SweepFixtures.logger)
        let worker = Self.worker("only", at: service.address, results: fixtures.results)
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask { try await service.run() }
            group.addTask { try await worker.run(); return nil }
            let writers = try sweep.tasks.map { try RunRecordWriter(results: fixtures.results, taskID: $0.id) }
            for _ in 0..<1_500 where !writers.contains(where: { (try? $0.latestCheckpoint()) != nil }) {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await service.drain()
            var summary: SweepSummary?
            while let next = try await group.next() {
                if let next { summary = next }
            }
            return try #require(summary)
        }
        #expect(summary.reason == .drained, "\(summary)")
        #expect(summary.counts["done"] == 1 && summary.counts["pending"] == 1, "\(summary.counts)")
        try await sim.stop()
    }

    private struct Calls: Decodable {
        var calls: CallCounts
    }
}
