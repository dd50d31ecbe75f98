import CZeroMQ
import Foundation
import Logging

/// Watches a DEALER's handshakes (`zmq_socket_monitor` into a PAIR socket, polled on the same
/// I/O thread), so that a worker learns when the coordinator refused its CURVE key or the
/// handshake failed (a wrong server key, or one side without CURVE) instead of waiting forever.
final class HandshakeMonitor {
    private static let watched = ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
        | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL

    private let socket: ZMQSocket
    private let mailbox: Mailbox
    private let logger: Logger
    private let events: AsyncStream<TransportEvent>.Continuation

    /// Starts monitoring `watched`; call before it connects, so the first handshake is seen.
    init(
        context: ZMQContext, watching watched: ZMQSocket, mailbox: Mailbox, logger: Logger,
        events: AsyncStream<TransportEvent>.Continuation
    ) throws(ZMQError) {
        let address = "inproc://collider-handshakes-\(UUID().uuidString)"
        try ZMQCall.run("zmq_socket_monitor(\(address))") {
            zmq_socket_monitor(watched.pollHandle, address, Self.watched)
        }
        socket = try ZMQSocket(context: context, kind: ZMQ_PAIR)
        try socket.set(.linger(0))
        try socket.connect(address)
        self.mailbox = mailbox
        self.logger = logger
        self.events = events
    }

    var pollHandle: UnsafeMutableRawPointer? { socket.pollHandle }

    /// Reports every waiting event. Frame 1: a 16-bit event and a 32-bit value (native byte
    /// order); frame 2: the peer's address.
    func read() throws(ZMQError) {
        while let event = try socket.receive(maxFrames: 2) {
            guard event.frames.count == 2, event.frames[0].count == 6 else { continue }
            let kind = event.frames[0].withUnsafeBytes { Int32($0.loadUnaligned(as: UInt16.self)) }
            let value = event.frames[0].withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 2, as: UInt32.self)) }
            let failure: HandshakeFailure =
                switch kind {
                case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: .refused(status: value)
                case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: .protocolError(code: value)
                default: .noDetail(errno: value)
                }
            let address = String(decoding: event.frames[1], as: UTF8.self)
            mailbox.stats.withLock { $0.handshakeFailures += 1 }
            logger.debug("handshake failed", metadata: ["address": "\(address)", "failure": "\(failure)"])
            events.yield(.handshakeFailed(failure, address: address))
        }
    }

    func close() { socket.close() }
}

/// Why a handshake with the peer failed.
public enum HandshakeFailure: Sendable, Hashable, CustomStringConvertible {
    /// The peer's ZAP handler refused this side's key; `status` is the ZAP status code (400).
    case refused(status: Int)
    /// The peers disagreed on the protocol (e.g. one side without CURVE); a `ZMQ_PROTOCOL_ERROR_*` code.
    case protocolError(code: Int)
    /// The connection ended during the handshake (e.g. the server could not decrypt it: a wrong
    /// server key).
    case noDetail(errno: Int)

    public var description: String {
        switch self {
        case .refused(let status): "key refused, ZAP status \(status)"
        case .protocolError(let code): "protocol error 0x\(String(code, radix: 16))"
        case .noDetail(let code): "the connection ended during the handshake: \(String(cString: strerror(Int32(code))))"
        }
    }
}
