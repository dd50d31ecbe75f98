import ColliderCoordinator
import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import Foundation
import SimProvider
import Testing

/// A coordinator process SIGKILLed and restarted on the same address while its worker keeps
/// running: the new coordinator does not know the worker, which hears PONGs from it at once (so
/// its own silence rule never fires). The PONGs must say `known: false`, and the worker HELLO.
@Suite(.timeLimit(.minutes(2)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct CoordinatorRestartTests {
    @Test func aWorkerSaysHelloToACoordinatorRestartedOnItsAddress() async throws {
        // Two tasks, one slot: the second needs a lease from the new coordinator, which gives
        // it only to a worker that said HELLO.
        let fixtures = try SweepFixtures(steps: 3, modes: "SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 50, latencyP99Milliseconds: 100), logger: SweepFixtures.logger)
        // The coordinator process reads the config from its file: the sim endpoint points at `sim`.
        let config = try String(contentsOfFile: fixtures.configPath, encoding: .utf8)
            .replacingOccurrences(of: "kind: sim\n", with: "kind: sim\n    base_url: \(sim.baseURL)\n")
        let configPath = fixtures.folder.appending(path: "restart.yaml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let sweep = try SweepContext(
            config: ConfigLoader.load(path: configPath, environment: [:], purpose: .sendsRequests).config)
        let task = try #require(sweep.tasks.first)

        func coordinator(_ bind: String) throws -> (Process, stdout: PipeCollector, stderr: PipeCollector) {
            try ColliderProcess.start([
                "coordinator", configPath, "--bind", bind, "--results", fixtures.results.path,
                "--heartbeat-interval", "0.2", "--liveness", "10",
            ])
        }
        let (first, firstOutput, _) = try coordinator("tcp://127.0.0.1:*")
        let bound = try #require(
            await ColliderProcess.listeningAddress(of: first, output: firstOutput, timeout: .seconds(30)),
            "the coordinator did not say where it listens: \(firstOutput.text)")
        let (worker, _, _) = try ColliderProcess.start([
            "worker", "--connect", bound, "--id", "steady", "--results", fixtures.results.path, "--heartbeat", "0.2",
        ])
        defer { if worker.isRunning { worker.terminate() } }

        let writer = try RunRecordWriter(results: fixtures.results, taskID: task.id)
        for _ in 0..<1_500 where (try? writer.latestCheckpoint())?.step ?? -1 < 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(!TaskRecords.isDone(results: fixtures.results, taskID: task.id), "killed after the task finished")
        let (second, _, secondErrors) = try coordinator(bound)
        defer { if second.isRunning { second.terminate() } }
        for _ in 0..<4_500 where second.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!second.isRunning && second.terminationStatus == 0, "the restarted coordinator: \(secondErrors.text)")

        let stored = try SweepStore(readingAt: fixtures.results.appending(path: "collider.sqlite")).loadSnapshot()
        #expect(stored.tasks.allSatisfy { $0.status == .done }, "\(stored.tasks.map(\.status))")
        #expect(stored.tasks.count == 2)
        #expect(try TaskRecords.steps(results: fixtures.results, taskID: task.id).map(\.step) == [0, 1, 2, 3])
        try await sim.stop()
    }
}
