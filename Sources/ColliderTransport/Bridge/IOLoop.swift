import CZeroMQ
import Foundation
import Logging

/// What an endpoint's I/O thread owns once set up: the context, the endpoint's socket, and the
/// ZAP handler when it serves CURVE.
struct IOSockets {
    let context: ZMQContext
    let socket: ZMQSocket
    let zap: ZAPHandler?
}

/// The loop of an endpoint's one dedicated thread (style.md 7). It owns every ZeroMQ handle of the
/// endpoint; callers reach it only through the `Mailbox`, and it answers through continuations and
/// the `incoming` stream.
final class IOLoop {
    /// What to do when a send would block: fail it at once (a ROUTER, where one slow peer must not
    /// hold up the others), or wait up to a timeout for the socket to become writable (a DEALER).
    enum BlockedSendPolicy {
        case fail
        case wait(Duration)
    }

    private let sockets: IOSockets
    private let mailbox: Mailbox
    private let inbound: InboundFrames
    private let blockedSendPolicy: BlockedSendPolicy
    private let onStop: @Sendable () -> Void
    private var backlog: [Outbound] = []
    private var backlogHead = 0
    private var blockedSince: ContinuousClock.Instant?

    /// At most this many messages are read per wake-up, so that sends are not starved.
    private static let receiveBatch = 256

    init(
        sockets: IOSockets, mailbox: Mailbox, inbound: InboundFrames, blockedSendPolicy: BlockedSendPolicy,
        onStop: @escaping @Sendable () -> Void
    ) {
        self.sockets = sockets
        self.mailbox = mailbox
        self.inbound = inbound
        self.blockedSendPolicy = blockedSendPolicy
        self.onStop = onStop
    }

    /// Starts a thread named `name` that runs `setup` (creating and binding or connecting the
    /// sockets), reports its outcome through `ready`, then serves until `close()`.
    static func start(
        name: String, mailbox: Mailbox, inbound: InboundFrames, blockedSendPolicy: BlockedSendPolicy,
        onStop: @escaping @Sendable () -> Void,
        setup: @escaping @Sendable () throws(ZMQError) -> (IOSockets, String),
        ready: CheckedContinuation<Result<String, TransportError>, Never>
    ) {
        let thread = Thread {
            let sockets: IOSockets
            let address: String
            do throws(ZMQError) {
                (sockets, address) = try setup()
            } catch {
                mailbox.finish()
                onStop()
                ready.resume(returning: .failure(.socket(error)))
                return
            }
            let loop = IOLoop(
                sockets: sockets, mailbox: mailbox, inbound: inbound, blockedSendPolicy: blockedSendPolicy,
                onStop: onStop)
            ready.resume(returning: .success(address))
            loop.run()
        }
        thread.name = name
        thread.start()
    }

    private func run() {
        var closing = false
        while !closing {
            do {
                let ready = try poll()
                if ready.wake { mailbox.wake.drain() }
                let taken = mailbox.take()
                backlog += taken.batch
                closing = taken.closing
                try flush()
                if ready.socket { try receive() }
                if ready.zap { try sockets.zap?.answer() }
            } catch {
                inbound.logger.error("transport I/O thread stopped", metadata: ["error": "\(error)"])
                closing = true
            }
        }
        shutdown()
    }

    /// Blocks in `zmq_poll` until the socket, the wake-up fd or the ZAP socket is ready, or a
    /// blocked send times out.
    private func poll() throws(ZMQError) -> (socket: Bool, wake: Bool, zap: Bool) {
        var timeout: Int = -1
        var socketEvents = Int16(ZMQ_POLLIN)
        if backlogHead < backlog.count, case .wait(let limit) = blockedSendPolicy {
            socketEvents |= Int16(ZMQ_POLLOUT)
            let waited = blockedSince.map { ContinuousClock.now - $0 } ?? .zero
            let left = (limit - waited).components
            // Rounded up, so that the wait does not end just short of the deadline and spin.
            timeout = max(0, Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000) + 1)
        }
        var items = [
            zmq_pollitem_t(socket: sockets.socket.pollHandle, fd: 0, events: socketEvents, revents: 0),
            zmq_pollitem_t(socket: nil, fd: mailbox.wake.fd, events: Int16(ZMQ_POLLIN), revents: 0),
        ]
        if let zap = sockets.zap {
            items.append(zmq_pollitem_t(socket: zap.pollHandle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let count = Int32(items.count)
        let outcome = try ZMQCall.run("zmq_poll") { zmq_poll(&items, count, timeout) }
        guard outcome != nil else { return (false, false, false) }
        return (items[0].revents != 0, items[1].revents != 0, items.count > 2 && items[2].revents != 0)
    }

    /// Sends the backlog in order until it is empty or a send would block.
    private func flush() throws(ZMQError) {
        while backlogHead < backlog.count {
            let outbound = backlog[backlogHead]
            do {
                if try sockets.socket.send(outbound.frames) {
                    mailbox.stats.withLock { $0.sent += 1 }
                    complete(.success(()))
                    continue
                }
            } catch {
                complete(.failure(.socket(error)))
                continue
            }
            guard case .wait(let limit) = blockedSendPolicy else {
                complete(.failure(.socket(ZMQError(function: "zmq_send", code: EAGAIN))))
                continue
            }
            let since = blockedSince ?? ContinuousClock.now
            guard ContinuousClock.now - since < limit else {
                complete(.failure(.socket(ZMQError(function: "zmq_send (blocked \(limit))", code: EAGAIN))))
                continue
            }
            blockedSince = since
            return
        }
        backlog.removeAll(keepingCapacity: true)
        backlogHead = 0
    }

    /// Resumes the sender of the backlog's head and moves past it.
    private func complete(_ result: Result<Void, TransportError>) {
        backlog[backlogHead].completion.resume(returning: result)
        backlogHead += 1
        blockedSince = nil
    }

    private func receive() throws(ZMQError) {
        for _ in 0..<Self.receiveBatch {
            guard let received = try sockets.socket.receive(maxFrames: inbound.maxFrames) else { return }
            inbound.handle(received)
        }
    }

    /// Refuses what is still queued, closes the sockets (waiting at most their linger), ends the
    /// context and the streams, and releases `close()`.
    private func shutdown() {
        while backlogHead < backlog.count { complete(.failure(.closed)) }
        sockets.zap?.close()
        sockets.socket.close()
        sockets.context.terminate()
        onStop()
        mailbox.finish()
    }
}
