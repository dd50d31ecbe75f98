import ColliderCore
import ColliderRunner
import ColliderTesting
import Foundation
import SimProvider
import Testing

/// A coordinator process SIGKILLed and restarted on the same address faster than a worker's
/// silence window: the new process does not know the worker and says so in PONG; the worker must
/// say HELLO again, and the sweep finish.
@Suite(.timeLimit(.minutes(3)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct CoordinatorRestartTests {
    /// Reads the coordinator's standard output until it names its address.
    static func address(of pipe: Pipe) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while !text.contains("\n", after: "coordinator listening on ") {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                let line = text.split(separator: "\n").first { $0.hasPrefix("coordinator listening on ") }
                continuation.resume(returning: line.map { String($0.dropFirst("coordinator listening on ".count)) })
            }
        }
    }

    @Test func aWorkerSaysHelloAgainToACoordinatorRestartedWithinItsSilenceWindow() async throws {
        let fixtures = try SweepFixtures(steps: 3, modes: "single, SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(
            SimProvider.Options(latencyP50Milliseconds: 100, latencyP99Milliseconds: 200), logger: SweepFixtures.logger)
        try fixtures.pointEndpoints(at: sim.baseURL)
        let sweep = try SweepContext(config: fixtures.config())
        let policy = ["--heartbeat-interval", "0.2", "--liveness", "10"]
        let results = ["--results", fixtures.results.path]
        let pipe = Pipe()
        let first = try ProcessTests.start(
            ["coordinator", fixtures.configPath, "--bind", "tcp://127.0.0.1:*"] + results + policy, output: pipe)
        let address = try #require(await Self.address(of: pipe))
        // A worker process: the restart takes well under its 5 s silence window, so only the new
        // coordinator's PONG can tell it.
        let worker = try ProcessTests.start(
            ["worker", "--connect", address, "--id", "w", "--slots", "2", "--heartbeat", "0.2"] + results)
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        let runFolders = sweep.tasks.filter { $0.kind == .run }.map {
            TaskRecords.directory(results: fixtures.results, taskID: $0.id).path
        }
        for _ in 0..<3_000 where !runFolders.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(first.processIdentifier, SIGKILL)
        while first.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(sweep.tasks.contains { !TaskRecords.isDone(results: fixtures.results, taskID: $0.id) })

        let second = try ProcessTests.start(["coordinator", fixtures.configPath, "--bind", address] + results + policy)
        // Bounded: a worker that never says HELLO again leaves this coordinator waiting for ever.
        for _ in 0..<1_500 where second.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        let finished = !second.isRunning
        if !finished { kill(second.processIdentifier, SIGKILL) }
        while second.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(finished && second.terminationStatus == 0, "the restarted coordinator did not finish the sweep")
        for task in sweep.tasks {
            #expect(TaskRecords.isDone(results: fixtures.results, taskID: task.id))
        }
        try await sim.stop()
    }
}

extension String {
    /// Whether `needle` occurs and a `character` follows it somewhere.
    fileprivate func contains(_ character: Character, after needle: String) -> Bool {
        guard let range = range(of: needle) else { return false }
        return self[range.upperBound...].contains(character)
    }
}
