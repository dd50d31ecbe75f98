import CZeroMQ

/// A multipart message as received: its frames, and how many more were discarded past the limit.
struct ReceivedMessage {
    var frames: [[UInt8]]
    /// Frames beyond `maxFrames` that were read and thrown away.
    var discardedFrames: Int
    /// The file descriptor of the connection it came on (`ZMQ_SRCFD`), -1 when unknown.
    var sourceDescriptor: Int32 = -1
}

/// A ZeroMQ socket. Not `Sendable`: it is created, used and closed on one endpoint's I/O thread.
final class ZMQSocket {
    private var handle: UnsafeMutableRawPointer?

    /// A socket of C type `kind` (`ZMQ_ROUTER`, `ZMQ_DEALER`, `ZMQ_REP`).
    init(context: ZMQContext, kind: CInt) throws(ZMQError) {
        var created: UnsafeMutableRawPointer?
        try ZMQCall.run("zmq_socket(\(kind))") {
            created = zmq_socket(context.handle, kind)
            return created == nil ? -1 : 0
        }
        handle = created
    }

    deinit { close() }

    /// The raw handle for `zmq_poll`.
    var pollHandle: UnsafeMutableRawPointer? { handle }

    func set(_ option: SocketOption) throws(ZMQError) {
        let raw = option.raw
        try ZMQCall.run("zmq_setsockopt(\(raw.label))") {
            raw.value.withUnsafeBytes { zmq_setsockopt(handle, raw.name, $0.baseAddress, $0.count) }
        }
    }

    func bind(_ endpoint: String) throws(ZMQError) {
        try ZMQCall.run("zmq_bind(\(endpoint))") { zmq_bind(handle, endpoint) }
    }

    func connect(_ endpoint: String) throws(ZMQError) {
        try ZMQCall.run("zmq_connect(\(endpoint))") { zmq_connect(handle, endpoint) }
    }

    /// `ZMQ_LAST_ENDPOINT`: the address actually bound, with the port a `*` resolved to.
    func lastEndpoint() throws(ZMQError) -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        try ZMQCall.run("zmq_getsockopt(ZMQ_LAST_ENDPOINT)") {
            zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sends `frames` as one multipart message without blocking. Returns false when the message
    /// would block (the peer's queue is at its high-water mark); ZeroMQ delivers multipart messages
    /// atomically, so only the first frame can be refused for that.
    func send(_ frames: [[UInt8]]) throws(ZMQError) -> Bool {
        for (index, frame) in frames.enumerated() {
            let more = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            let sent = try ZMQCall.run("zmq_send") {
                frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, ZMQ_DONTWAIT | more) }
            }
            if sent == nil { return false }
        }
        return true
    }

    /// Receives one multipart message without blocking, nil when none is waiting. Keeps at most
    /// `maxFrames` frames; the rest are read and discarded so that they cannot pile up in memory.
    func receive(maxFrames: Int) throws(ZMQError) -> ReceivedMessage? {
        var received = ReceivedMessage(frames: [], discardedFrames: 0)
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        repeat {
            let flags = received.frames.isEmpty ? ZMQ_DONTWAIT : 0
            guard try ZMQCall.run("zmq_msg_recv", { zmq_msg_recv(&message, handle, flags) }) != nil else {
                return nil
            }
            // A ROUTER makes the routing-id frame itself, without a descriptor; the peer's frames have it.
            let descriptor = zmq_msg_get(&message, ZMQ_SRCFD)
            if descriptor >= 0 { received.sourceDescriptor = descriptor }
            if received.frames.count < maxFrames {
                let size = zmq_msg_size(&message)
                let bytes = zmq_msg_data(&message).map { UnsafeRawBufferPointer(start: $0, count: size) }
                received.frames.append(bytes.map { Array($0) } ?? [])
            } else {
                received.discardedFrames += 1
            }
        } while zmq_msg_more(&message) == 1
        return received
    }

    /// Closes the socket; idempotent.
    func close() {
        guard let open = handle else { return }
        handle = nil
        // `zmq_close` fails only for a handle that is not a socket (ENOTSOCK).
        _ = try? ZMQCall.run("zmq_close") { zmq_close(open) }
    }
}
