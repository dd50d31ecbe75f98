import CZeroMQ
import ColliderCore
import ColliderTransport
import Foundation

/// Many simulated workers' DEALER sockets in one ZeroMQ context (one libzmq I/O thread), served by
/// the one thread that creates it: the benchmarks' stand-in for a fleet. Each socket speaks the
/// real protocol (`FrameCodec` envelopes) under a stable routing id, as `collider worker` does.
/// Not `Sendable`: create, use and close it on one thread.
///
/// **Waiting.** `zmq_poll` over a thousand sockets costs a thousand `ZMQ_EVENTS` reads and a
/// thousand-descriptor `poll` per wake-up, which made the simulated fleet, not the coordinator,
/// the slow side of the dispatch benchmark. The sockets' notification descriptors (`ZMQ_FD`) sit in
/// one epoll set instead, so a wake-up costs what is ready. `ZMQ_FD` signals that a socket's state
/// may have changed, not that a message is waiting, and a send can consume that signal: a socket
/// readable by its descriptor, or sent on since, is read until `ZMQ_EVENTS` has no `POLLIN` left.
///
/// **ZMTP heartbeats.** Each socket sends the ZMTP pings a worker's DEALER sends
/// (`SocketTuning.dealer`), which the coordinator answers, but arms no timeout for the answers:
/// libzmq cancels such a timer by walking every timer of its I/O thread, a cost a real worker
/// with one connection does not have and a thousand sockets in one context would.
final class BenchDealers: FleetSockets {
    /// Routing ids, by socket index.
    let ids: [String]
    private let context: UnsafeMutableRawPointer
    private var sockets: [UnsafeMutableRawPointer?]
    private let epoll: Int32
    /// Sockets sent on since they were last read: their descriptor may not signal a message that
    /// arrived meanwhile.
    private var sentSinceRead: [Int] = []
    private var events = [epoll_event](repeating: epoll_event(), count: 256)
    let codec = FrameCodec()
    private var lastMsgID: UInt64 = 0

    /// Connects `ids.count` DEALERs to `address`, evenly spaced over `spreadSeconds`. Raises the
    /// context's socket limit (1,023 by default) to fit them.
    ///
    /// A connection's ZMTP pings keep the phase of its handshake: sockets connected together ping
    /// the coordinator together, a burst independent workers, which connect whenever they start,
    /// never make. Spread over the heartbeat interval, the pings are spread as theirs are.
    init(ids: [String], address: String, spreadSeconds: Double = 0) throws {
        guard let context = zmq_ctx_new() else { throw BenchSocketError.call("zmq_ctx_new") }
        self.context = context
        self.ids = ids
        sockets = []
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw BenchSocketError.call("epoll_create1") }
        guard zmq_ctx_set(context, ZMQ_MAX_SOCKETS, Int32(ids.count + 16)) == 0 else {
            throw BenchSocketError.call("zmq_ctx_set(ZMQ_MAX_SOCKETS, \(ids.count + 16))")
        }
        let start = BenchClock.now()
        for (index, id) in ids.enumerated() {
            BenchClock.sleep(untilTurn: index, of: ids.count, spreadOver: spreadSeconds, from: start)
            guard let socket = zmq_socket(context, ZMQ_DEALER) else {
                throw BenchSocketError.call("zmq_socket (socket \(sockets.count + 1) of \(ids.count))")
            }
            let routing = Array(id.utf8)
            var linger: Int32 = 0
            var heartbeat = SocketTuning.dealer.heartbeat?.intervalMilliseconds ?? 0
            var noTimeout: Int32 = 0
            guard routing.withUnsafeBytes({ zmq_setsockopt(socket, ZMQ_ROUTING_ID, $0.baseAddress, $0.count) }) == 0,
                zmq_setsockopt(socket, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size) == 0,
                zmq_setsockopt(socket, ZMQ_HEARTBEAT_IVL, &heartbeat, MemoryLayout<Int32>.size) == 0,
                zmq_setsockopt(socket, ZMQ_HEARTBEAT_TIMEOUT, &noTimeout, MemoryLayout<Int32>.size) == 0,
                zmq_connect(socket, address) == 0
            else { throw BenchSocketError.call("set up the DEALER \(id) for \(address)") }
            var descriptor: Int32 = -1
            var size = MemoryLayout<Int32>.size
            guard zmq_getsockopt(socket, ZMQ_FD, &descriptor, &size) == 0 else {
                throw BenchSocketError.call("zmq_getsockopt(ZMQ_FD) of the DEALER \(id)")
            }
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.u64 = UInt64(sockets.count)
            guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else {
                throw BenchSocketError.call("epoll_ctl(EPOLL_CTL_ADD) for the DEALER \(id)")
            }
            sockets.append(socket)
        }
    }

    deinit {
        for case let socket? in sockets { zmq_close(socket) }
        zmq_ctx_term(context)
        Glibc.close(epoll)
    }

    /// Sends the frame `write` makes for the next message id from socket `index` without
    /// blocking; false when it would block or the socket is closed.
    @discardableResult
    func send(from index: Int, _ write: (UInt64) -> [UInt8]?) -> Bool {
        guard let socket = sockets[index] else { return false }
        lastMsgID += 1
        guard let frame = write(lastMsgID) else { return false }
        sentSinceRead.append(index)
        return frame.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, ZMQ_DONTWAIT) } >= 0
    }

    /// Closes socket `index` at once (linger 0), as the death of its process would: the
    /// coordinator sees the connection end.
    func close(_ index: Int) {
        guard let socket = sockets[index] else { return }
        // Out of the epoll set before ZeroMQ closes (and may reuse) its descriptor.
        var descriptor: Int32 = -1
        var size = MemoryLayout<Int32>.size
        if zmq_getsockopt(socket, ZMQ_FD, &descriptor, &size) == 0 {
            epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, nil)
        }
        zmq_close(socket)
        sockets[index] = nil
    }

    /// Waits up to `timeoutMilliseconds` (-1: for ever) for messages, then hands every message
    /// waiting on any open socket to `body` as (socket index, envelope). Undecodable frames are
    /// skipped (the coordinator sends none).
    func receive(timeoutMilliseconds: Int, _ body: (Int, Envelope) -> Void) throws {
        let codec = codec
        try receiveFrames(timeoutMilliseconds: timeoutMilliseconds) { index, frame in
            if let envelope = try? codec.decode(Array(frame)) { body(index, envelope) }
        }
    }

    /// As `receive`, but hands over each frame undecoded (valid only during the call), for a
    /// caller that reads only part of each message. Sockets sent on since they were last read are
    /// read first, without waiting; `body` may send (its sockets are read on the next call).
    func receiveFrames(timeoutMilliseconds: Int, _ body: (Int, UnsafeRawBufferPointer) -> Void) throws {
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        var received = false
        func read(_ index: Int) {
            guard let socket = sockets[index] else { return }
            repeat {
                while zmq_msg_recv(&message, socket, ZMQ_DONTWAIT) >= 0 {
                    received = true
                    body(index, UnsafeRawBufferPointer(start: zmq_msg_data(&message), count: zmq_msg_size(&message)))
                }
            } while Self.isReadable(socket)
        }
        let recheck = sentSinceRead
        sentSinceRead.removeAll(keepingCapacity: true)
        for index in recheck { read(index) }
        let ready = epoll_wait(epoll, &events, Int32(events.count), received ? 0 : Int32(timeoutMilliseconds))
        if ready < 0 {
            guard errno == EINTR else { throw BenchSocketError.call("epoll_wait") }
            return
        }
        for slot in 0..<Int(ready) { read(Int(events[slot].data.u64)) }
    }

    /// Whether `socket` has a message waiting (`ZMQ_EVENTS`, which also consumes the pending
    /// signal of its descriptor).
    private static func isReadable(_ socket: UnsafeMutableRawPointer) -> Bool {
        var events: Int32 = 0
        var size = MemoryLayout<Int32>.size
        return zmq_getsockopt(socket, ZMQ_EVENTS, &events, &size) == 0 && events & Int32(ZMQ_POLLIN) != 0
    }
}

/// A ZeroMQ or system call of the simulated fleet failed.
enum BenchSocketError: Error, CustomStringConvertible {
    /// A ZeroMQ call; the reason is ZeroMQ's last error.
    case call(String)
    /// A system call and its `errno`.
    case posix(String, code: Int32)
    /// The coordinator's address could not be used.
    case address(String, String)

    /// A system call that just failed, with the thread's `errno`.
    static func system(_ what: String) -> Self { .posix(what, code: errno) }

    var description: String {
        switch self {
        case .call(let what):
            "\(what) failed: \(String(cString: zmq_strerror(zmq_errno()))) (raise `ulimit -n` if it says too many open files)"
        case .posix(let what, let code):
            "\(what) failed: \(String(cString: strerror(code))) (raise `ulimit -n` if it says too many open files)"
        case .address(let address, let problem):
            "cannot connect the simulated workers to \(address): \(problem)"
        }
    }
}

/// A monotonic clock in nanoseconds, cheap enough to read per message.
enum BenchClock {
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Milliseconds between two readings.
    static func milliseconds(from start: UInt64, to end: UInt64) -> Double {
        Double(end &- start) / 1_000_000
    }

    /// Sleeps until the turn of the `index`th of `count` starts spread evenly over `seconds`
    /// from `start`; returns at once if it has come.
    static func sleep(untilTurn index: Int, of count: Int, spreadOver seconds: Double, from start: UInt64) {
        let due = start + UInt64(seconds * 1e9 * Double(index) / Double(count))
        let now = now()
        if due > now { usleep(useconds_t((due - now) / 1000)) }
    }
}

/// Percentiles of a sample (nearest rank).
struct LatencySummary: Encodable {
    var count: Int
    var p50: Double
    var p99: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        func rank(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        p50 = rank(0.5)
        p99 = rank(0.99)
        self.max = sorted.last ?? 0
    }
}

/// Runs `body` on a thread of its own (the fleet's sockets block in `zmq_poll`, which must not
/// hold a thread of the cooperative pool) and returns its result.
func onOwnThread<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.startNamed(name, stackSize: 8 << 20) { continuation.resume(with: Result { try body() }) }
    }
}
