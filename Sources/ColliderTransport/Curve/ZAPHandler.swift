import CZeroMQ
import Logging

/// The ZAP handler of a CURVE-serving ROUTER (RFC 27): a REP socket at `inproc://zeromq.zap.01`
/// in the ROUTER's context, polled on the same I/O thread, admitting only allow-listed client keys.
final class ZAPHandler {
    static let endpoint = "inproc://zeromq.zap.01"

    private let socket: ZMQSocket
    private let allowedKeys: Set<String>
    private let mailbox: Mailbox
    private let logger: Logger
    private let events: AsyncStream<TransportEvent>.Continuation

    /// Binds the handler; it must exist before the ROUTER binds, or early handshakes go unchecked.
    init(
        context: ZMQContext, allowedKeys: Set<String>, mailbox: Mailbox, logger: Logger,
        events: AsyncStream<TransportEvent>.Continuation
    ) throws(ZMQError) {
        socket = try ZMQSocket(context: context, kind: ZMQ_REP)
        try socket.set(.linger(0))
        try socket.bind(Self.endpoint)
        self.allowedKeys = allowedKeys
        self.mailbox = mailbox
        self.logger = logger
        self.events = events
    }

    var pollHandle: UnsafeMutableRawPointer? { socket.pollHandle }

    /// Answers every waiting request.
    func answer() throws(ZMQError) {
        while let request = try socket.receive(maxFrames: 8) {
            _ = try socket.send(reply(to: request.frames))
        }
    }

    /// Request frames: version, request id, domain, address, routing id, mechanism, credentials.
    private func reply(to frames: [[UInt8]]) -> [[UInt8]] {
        let requestID = frames.count > 1 ? frames[1] : []
        guard frames.count == 7, String(decoding: frames[0], as: UTF8.self) == "1.0" else {
            logger.warning("malformed ZAP request", metadata: ["frames": "\(frames.count)"])
            return Self.reply(requestID, status: "500", text: "malformed request")
        }
        let address = String(decoding: frames[3], as: UTF8.self)
        guard String(decoding: frames[5], as: UTF8.self) == "CURVE", let key = CurveKeys.z85(frames[6]) else {
            return Self.reply(requestID, status: "400", text: "CURVE required")
        }
        guard allowedKeys.contains(key) else {
            mailbox.stats.withLock { $0.refusedKeys += 1 }
            logger.warning("refused a CURVE key", metadata: ["key": "\(key)", "address": "\(address)"])
            events.yield(.refusedKey(publicKey: key, address: address))
            return Self.reply(requestID, status: "400", text: "key not allowed")
        }
        return Self.reply(requestID, status: "200", text: "OK", user: key)
    }

    private static func reply(_ requestID: [UInt8], status: String, text: String, user: String = "") -> [[UInt8]] {
        [Array("1.0".utf8), requestID, Array(status.utf8), Array(text.utf8), Array(user.utf8), []]
    }

    func close() { socket.close() }
}
