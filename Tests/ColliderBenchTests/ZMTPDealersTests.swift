import CZeroMQ
import Foundation
import Testing

@testable import collider

/// The dispatch benchmark's hand-written ZMTP fleet against a real libzmq ROUTER on loopback:
/// libzmq must take its connections for DEALERs with their routing ids, in both directions,
/// short and long frames, keep them through its own heartbeats, and a CURVE server must be
/// refused with a clear error.
@Suite(.serialized)
struct ZMTPDealersTests {
    @Test func aLibzmqRouterSeesDealersWithTheirRoutingIDs() throws {
        let router = try Router()
        let dealers = try ZMTPDealers(ids: ["w0", "w1"], address: router.endpoint)
        // Sent before the handshake ends: held until libzmq has sent its READY.
        dealers.send(from: 1) { _ in Array("from w1".utf8) }
        dealers.send(from: 0) { _ in Array(String(repeating: "x", count: 300).utf8) }
        var received: [String: [UInt8]] = [:]
        for _ in 0..<200 where received.count < 2 {
            try dealers.receiveFrames(timeoutMilliseconds: 10) { _, _ in }
            if let (id, body) = router.receive() { received[id] = body }
        }
        #expect(received["w1"] == Array("from w1".utf8))
        #expect(received["w0"] == Array(String(repeating: "x", count: 300).utf8))

        let long = [UInt8](repeating: 7, count: 70_000)
        #expect(router.send(to: "w0", long))
        #expect(router.send(to: "w1", Array("to w1".utf8)))
        var delivered: [Int: [UInt8]] = [:]
        for _ in 0..<200 where delivered.count < 2 {
            try dealers.receiveFrames(timeoutMilliseconds: 10) { index, frame in delivered[index] = Array(frame) }
        }
        #expect(delivered[0] == long)
        #expect(delivered[1] == Array("to w1".utf8))
    }

    /// The ROUTER pings every 100 ms and drops a connection that does not answer within 1 s. The
    /// dealer sends no PING of its own and nothing else for 2.5 s: only its PONGs keep the
    /// connection.
    @Test func pongsKeepTheConnectionThroughTheRoutersHeartbeats() throws {
        let router = try Router(heartbeatMilliseconds: 100, timeoutMilliseconds: 1000)
        let dealers = try ZMTPDealers(ids: ["quiet"], address: router.endpoint, heartbeatMilliseconds: nil)
        dealers.send(from: 0) { _ in Array("hello".utf8) }
        var greeted = false
        for _ in 0..<200 where !greeted {
            try dealers.receiveFrames(timeoutMilliseconds: 10) { _, _ in }
            greeted = router.receive()?.id == "quiet"
        }
        #expect(greeted)
        let silentUntil = Date().addingTimeInterval(2.5)
        while Date() < silentUntil { try dealers.receiveFrames(timeoutMilliseconds: 10) { _, _ in } }
        #expect(router.send(to: "quiet", Array("still there".utf8)))
        var answer: [UInt8]?
        for _ in 0..<200 where answer == nil {
            try dealers.receiveFrames(timeoutMilliseconds: 10) { _, frame in answer = Array(frame) }
        }
        #expect(answer == Array("still there".utf8))
    }

    @Test func aCurveServerIsRefusedByName() throws {
        let router = try Router(curve: true)
        let dealers = try ZMTPDealers(ids: ["plain"], address: router.endpoint)
        var failure: (any Error)?
        for _ in 0..<200 where failure == nil {
            do { try dealers.receiveFrames(timeoutMilliseconds: 10) { _, _ in } } catch { failure = error }
        }
        #expect("\(failure.map { "\($0)" } ?? "none")".contains("CURVE"))
    }
}

/// The test's ROUTER could not bind a loopback port.
private struct RouterBindFailure: Error, CustomStringConvertible {
    let problem: String
    var description: String { "the test ROUTER could not bind tcp://127.0.0.1:*: \(problem)" }
}

/// A libzmq ROUTER bound to an ephemeral loopback port, driven without blocking.
private final class Router {
    let context: UnsafeMutableRawPointer
    let socket: UnsafeMutableRawPointer
    let endpoint: String

    init(heartbeatMilliseconds: Int32 = 0, timeoutMilliseconds: Int32 = 0, curve: Bool = false) throws {
        context = zmq_ctx_new()
        socket = zmq_socket(context, ZMQ_ROUTER)
        var on: Int32 = 1
        var linger: Int32 = 0
        zmq_setsockopt(socket, ZMQ_ROUTER_MANDATORY, &on, 4)
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, 4)
        if heartbeatMilliseconds > 0 {
            var interval = heartbeatMilliseconds
            var timeout = timeoutMilliseconds
            zmq_setsockopt(socket, ZMQ_HEARTBEAT_IVL, &interval, 4)
            zmq_setsockopt(socket, ZMQ_HEARTBEAT_TIMEOUT, &timeout, 4)
        }
        if curve {
            var publicKey = [CChar](repeating: 0, count: 41)
            var secretKey = [CChar](repeating: 0, count: 41)
            zmq_curve_keypair(&publicKey, &secretKey)
            zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &on, 4)
            zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, secretKey, 40)
        }
        guard zmq_bind(socket, "tcp://127.0.0.1:*") == 0 else {
            let problem = String(cString: zmq_strerror(zmq_errno()))
            zmq_close(socket)
            zmq_ctx_term(context)
            throw RouterBindFailure(problem: problem)
        }
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, &buffer, &size)
        endpoint = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        zmq_close(socket)
        zmq_ctx_term(context)
    }

    /// The next waiting message as (routing id, body), without waiting.
    func receive() -> (id: String, body: [UInt8])? {
        guard let id = frame(), let body = frame() else { return nil }
        return (String(decoding: id, as: UTF8.self), body)
    }

    func send(to id: String, _ body: [UInt8]) -> Bool {
        let routing = Array(id.utf8)
        return zmq_send(socket, routing, routing.count, ZMQ_SNDMORE | ZMQ_DONTWAIT) >= 0
            && zmq_send(socket, body, body.count, ZMQ_DONTWAIT) >= 0
    }

    private func frame() -> [UInt8]? {
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        guard zmq_msg_recv(&message, socket, ZMQ_DONTWAIT) >= 0 else { return nil }
        return Array(UnsafeRawBufferPointer(start: zmq_msg_data(&message), count: zmq_msg_size(&message)))
    }
}
