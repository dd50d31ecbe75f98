import CZeroMQ
import ColliderTesting
import Foundation
import Testing

@testable import ColliderTransport

/// A `collider coordinator` process out of file descriptors cannot accept more workers; it says
/// so, naming the fix, and keeps running. (libzmq reports a failed accept to no one.)
@Suite(.timeLimit(.minutes(2)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct CoordinatorProcessOpenFilesTests {
    @Test func runningOutOfDescriptorsIsLoggedWithTheFix() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let limit = 64
        let (coordinator, output, log) = try ColliderProcess.start(
            ["coordinator", fixtures.configPath, "--bind", "tcp://127.0.0.1:*", "--results", fixtures.results.path],
            openFileLimit: limit)
        defer { if coordinator.isRunning { coordinator.terminate() } }
        let address = try #require(
            await ColliderProcess.listeningAddress(of: coordinator, output: output),
            "the coordinator did not say where it listens: \(output.text)")
        #expect(output.text.contains("open-file limit \(limit)"), "\(output.text)")

        // More connections than the coordinator has descriptors left, from one context here.
        let context = try ZMQContext()
        var sockets: [ZMQSocket] = []
        defer {
            sockets.forEach { $0.close() }
            context.terminate()
        }
        for _ in 0..<(limit + 16) {
            let socket = try ZMQSocket(context: context, kind: ZMQ_DEALER)
            try socket.set(.linger(0))
            try socket.connect(address)
            sockets.append(socket)
        }
        for _ in 0..<500 where !log.text.contains("file descriptors are open") { try await Task.sleep(for: .milliseconds(20)) }
        #expect(log.text.contains("of this process's \(limit) file descriptors are open"), "\(log.text)")
        #expect(log.text.contains("raise the hard limit"))
        #expect(coordinator.isRunning, "the coordinator stopped when it ran out of descriptors")
    }
}
