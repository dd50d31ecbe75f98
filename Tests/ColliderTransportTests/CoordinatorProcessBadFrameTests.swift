import ColliderTesting
import Foundation
import Testing

@testable import ColliderTransport

/// A `collider coordinator` process fed garbage, oversized and wrong-version frames logs and drops
/// each, and goes on to serve a real worker to the end of its sweep.
@Suite(.timeLimit(.minutes(3)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct CoordinatorProcessBadFrameTests {
    @Test func badFramesLeaveTheCoordinatorServing() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let (coordinator, output, log) = try ColliderProcess.start([
            "coordinator", fixtures.configPath, "--bind", "tcp://127.0.0.1:*", "--results", fixtures.results.path,
        ])
        defer { if coordinator.isRunning { coordinator.terminate() } }
        let address = try #require(
            await ColliderProcess.listeningAddress(of: coordinator, output: output),
            "the coordinator did not say where it listens: \(output.text)")

        let codec = FrameCodec()
        let raw = try RawDealer(connectTo: address, id: "mallory")
        let badFrames: [[[UInt8]]] = [
            [Array("garbage \u{0}\u{7f}".utf8)],
            [Array(repeating: UInt8(ascii: "{"), count: FrameCodec.defaultMaxFrameBytes + 1)],
            [try codec.encode(Envelope(version: 9, msgID: 1, message: .drain))],
            [Array(#"{"v":1,"type":"WARP","msg_id":1,"body":{}}"#.utf8)],
            [try codec.encode(.credit(Credit(n: 1)), msgID: 1), try codec.encode(.credit(Credit(n: 1)), msgID: 2)],
        ]
        for frames in badFrames { try raw.send(frames) }
        for _ in 0..<1_500 where log.text.components(separatedBy: "dropped a frame").count - 1 < badFrames.count {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(log.text.components(separatedBy: "dropped a frame").count - 1 == badFrames.count, "\(log.text)")
        #expect(coordinator.isRunning, "the coordinator stopped after bad frames")
        raw.close()

        let (worker, _, _) = try ColliderProcess.start(
            ["worker", "--connect", address, "--id", "honest", "--results", fixtures.results.path])
        defer { if worker.isRunning { worker.terminate() } }
        for _ in 0..<6_000 where coordinator.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!coordinator.isRunning, "the sweep did not finish")
        try await output.waitForEnd()
        #expect(coordinator.terminationStatus == 0 && output.text.contains("sweep completed: done 1;"), "\(output.text)")
    }
}
