import ColliderCore
import Foundation
import Testing

@testable import ColliderTransport

/// TASK frames are written around the encoded task description (`FrameCodec.taskFrame`): they
/// must hold what the JSON encoder writes, whatever the lease carries.
struct TaskFrameTests {
    let codec = FrameCodec()

    static let config = Data(#"{"name":"paper","grid":{"seeds":[1,2,3]},"note":"ünïcode ✓"}"#.utf8)

    static let leases: [TaskLease] = [
        TaskLease(
            task: SweepTask(
                id: "t", kind: .run, backbone: "qwen3", mode: .single, gate: .none, seed: -1, criterion: "fluency",
                dependsOn: ["a", "b\\"]),
            leaseID: "L0-t", leaseTTLSeconds: 30, attempt: 0, checkpoint: nil, journal: [], config: config),
        TaskLease(task: Fixtures.task, leaseID: "L1-t1", leaseTTLSeconds: 5, attempt: 0, checkpoint: nil, journal: [], config: config),
        TaskLease(
            task: Fixtures.task, leaseID: "L2-t1", leaseTTLSeconds: 0.25, attempt: 3, checkpoint: Fixtures.json,
            journal: [Fixtures.json, Data(), Data([0, 255, 10])], config: config, datasetFingerprint: "f0f0"),
        // Every character JSON must escape, and some it need not.
        TaskLease(
            task: Fixtures.task, leaseID: "quote\" back\\slash \n\t\u{1} / ✓", leaseTTLSeconds: 1e-3, attempt: 1,
            checkpoint: Data(), journal: [Fixtures.json], config: Data(), datasetFingerprint: "\"\u{1f}"),
        TaskLease(
            task: SweepTask(
                id: "s", kind: .cherryPick, backbone: "b\"", mode: nil, gate: .offByOne, seed: nil, criterion: nil,
                dependsOn: []),
            leaseID: "", leaseTTLSeconds: 1e21, attempt: 0, checkpoint: nil, journal: [], config: config),
    ]

    @Test(arguments: leases)
    func theDirectFrameHoldsWhatTheEncoderWrites(_ lease: TaskLease) throws {
        let envelope = Envelope(msgID: 314, message: .task(lease))
        let direct = try #require(FrameCodec.taskFrame(envelope))
        let encoded = try JSONEncoder().encode(WireEnvelope(envelope))
        let parse = { (bytes: Data) in try JSONSerialization.jsonObject(with: bytes) as? NSDictionary }
        #expect(try parse(Data(direct)) == parse(encoded))
        #expect(try codec.decode(direct) == envelope)
        #expect(try codec.encode(envelope) == direct)
    }

    @Test func aLeaseTimeJSONCannotCarryAsANumberTakesTheEncoder() throws {
        var lease = Self.leases[0]
        lease.leaseTTLSeconds = .infinity
        let envelope = Envelope(msgID: 1, message: .task(lease))
        #expect(FrameCodec.taskFrame(envelope) == nil)
        #expect(try codec.decode(codec.encode(envelope)) == envelope)
    }

    @Test func otherMessagesAreNotTasks() throws {
        #expect(FrameCodec.taskFrame(Envelope(msgID: 1, message: .drain)) == nil)
    }

    @Test func anOversizedTaskIsRefused() throws {
        let small = FrameCodec(maxFrameBytes: 256)
        var lease = Self.leases[0]
        lease.config = Data(repeating: 7, count: 512)
        let error = try #require(throws: FrameError.self) { try small.encode(.task(lease), msgID: 1) }
        #expect(error.code == .oversized)
    }
}
