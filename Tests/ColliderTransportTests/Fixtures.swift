import CZeroMQ
import ColliderCore
import Foundation
import Logging
import Synchronization
import Testing

@testable import ColliderTransport

/// Sample messages and small helpers shared by the transport tests.
enum Fixtures {
    static let logger: Logger = {
        var logger = Logger(label: "collider.transport.tests")
        logger.logLevel = .error
        return logger
    }()

    static let task = SweepTask(
        id: String(repeating: "ab", count: 32), kind: .run, backbone: "qwen3", mode: .SSS, gate: .mae, seed: 2,
        criterion: nil, dependsOn: ["c0ffee"])

    static let json = Data(#"{"step":3,"rng":[1,2,3]}"#.utf8)

    /// One message of every type, with every optional field set in at least one of them.
    static let everyMessage: [Message] = [
        .hello(Hello(workerID: "w1", incarnation: 7, slots: 4, heldLeases: [HeldLease(taskID: "t1", leaseID: "l1", lastStep: 3)])),
        .credit(Credit(n: 4)),
        .task(TaskLease(task: task, leaseID: "l1", leaseTTLSeconds: 5, attempt: 1, checkpoint: json, journal: [json, json], config: json)),
        .task(
            TaskLease(
                task: task, leaseID: "l2", leaseTTLSeconds: 5, attempt: 0, checkpoint: nil, journal: [], config: json,
                datasetFingerprint: String(repeating: "f0", count: 32))),
        .progress(TaskProgress(
            leaseID: "l1", taskID: "t1", stage: "gradient", step: 3, calls: 120, tokens: 45_000, dollars: 0.125,
            journal: [json], checkpoint: json, stepRecords: [json])),
        .progress(TaskProgress(leaseID: "l1", taskID: "t1", stage: "loss", step: 0, calls: 0, tokens: 0, dollars: .infinity)),
        .result(TaskResult(leaseID: "l1", taskID: "t1", summary: json)),
        .fail(TaskFailure(leaseID: "l1", taskID: "t1", failureClass: .infra, retryable: true, reason: "429 × 5")),
        .ack(Ack(msgID: .max)),
        .ping(Heartbeat(sentAt: 1_700_000_000.25)),
        .pong(Heartbeat(sentAt: 1_700_000_000.25)),
        .rateRequest(RateRequest(endpoint: "sim", requests: 10, tokens: 20_000)),
        .rateRequest(RateRequest(endpoint: "sim", requests: 10, tokens: 20_000, rateLimited: 2, retryAfterSeconds: 1.5)),
        .rateGrant(RateGrant(endpoint: "sim", requests: 10, tokens: 20_000, validUntil: 1_700_000_002)),
        .rateGrant(RateGrant(endpoint: "sim", requests: 10, tokens: 20_000, validUntil: 1_700_000_002, seconds: 2)),
        .ratePause(RatePause(endpoint: "sim", untilSeconds: 30)),
        .drain,
        .cancel(Cancel(taskID: "t1", leaseID: "L1-t1", reason: "suspect")),
        .cancel(Cancel(taskID: "t1", reason: "operator")),
        .bye(Bye(reason: "drained")),
        .dataRequest(DataRequest(fingerprint: "f0f0", offset: 1 << 21)),
        .data(DataChunk(fingerprint: "f0f0", offset: 0, totalBytes: 3, sha256: "ab12", bytes: Data([0, 10, 255]))),
        .data(DataChunk(refusing: DataRequest(fingerprint: "f0f0", offset: 9), "no such data set")),
        .stepsRequest(StepsRequest(taskID: "t1", afterStep: -1)),
        .steps(StepsChunk(taskID: "t1", afterStep: -1, records: [json, json], complete: true)),
        .steps(StepsChunk(taskID: "t1", afterStep: 2, records: [], complete: false, error: "not stored")),
        .status,
        .statusReply(StatusReply(report: json)),
    ]

    /// Plain settings for loopback tests: short linger, no ZMTP heartbeats.
    static func tuning(maxFrameBytes: Int = FrameCodec.defaultMaxFrameBytes, socketMax: Int? = nil) -> SocketTuning {
        SocketTuning(maxFrameBytes: maxFrameBytes, socketMaxFrameBytes: socketMax, lingerMilliseconds: 200, heartbeat: nil)
    }

    static func router(
        tuning: SocketTuning = Fixtures.tuning(), curve: CurveServerSettings? = nil
    ) async throws -> RouterEndpoint {
        try await RouterEndpoint(
            RouterEndpoint.Configuration(bindAddress: "tcp://127.0.0.1:*", tuning: tuning, curve: curve), logger: logger)
    }

    static func dealer(
        _ id: String, to router: RouterEndpoint, curve: CurveClientSettings? = nil
    ) async throws -> DealerEndpoint {
        try await DealerEndpoint(
            DealerEndpoint.Configuration(
                connectAddress: router.address, routingID: id, tuning: tuning(), curve: curve,
                reconnectIntervalMilliseconds: 20, reconnectIntervalMaxMilliseconds: 200),
            logger: logger)
    }
}

/// A bare DEALER that sends whatever bytes a test gives it, to poke the ROUTER with bad frames.
/// Used from one test task only; its sends never block.
final class RawDealer {
    private let context: ZMQContext
    private let socket: ZMQSocket

    init(connectTo address: String, id: String) throws {
        context = try ZMQContext()
        socket = try ZMQSocket(context: context, kind: ZMQ_DEALER)
        try socket.set(.routingID(Array(id.utf8)))
        try socket.set(.linger(1000))
        try socket.connect(address)
    }

    func send(_ frames: [[UInt8]]) throws {
        #expect(try socket.send(frames))
    }

    func close() {
        socket.close()
        context.terminate()
    }
}

/// Failures reported from the I/O thread (or a send's completion), for a test to read.
final class FailureLog: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ entry: String) {
        list.withLock { $0.append(entry) }
    }

    var entries: [String] { list.withLock { $0 } }
}
