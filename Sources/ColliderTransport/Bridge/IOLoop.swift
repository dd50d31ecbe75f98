import CZeroMQ
import ColliderCore
import Foundation
import Logging

/// What an endpoint's I/O thread owns once set up: the context, the endpoint's socket, the
/// ZAP handler when it serves CURVE, a DEALER's handshake monitor and a ROUTER's disconnect
/// monitor.
struct IOSockets {
    let context: ZMQContext
    let socket: ZMQSocket
    let zap: ZAPHandler?
    var monitor: HandshakeMonitor? = nil
    var disconnects: DisconnectMonitor? = nil
}

/// The loop of an endpoint's one dedicated thread (style.md 7). It owns every ZeroMQ handle of the
/// endpoint; callers reach it only through the `Mailbox`, and it answers through continuations and
/// the `incoming` stream.
final class IOLoop {
    /// How the loop learns that a socket which would block can take more. A DEALER's `ZMQ_POLLOUT`
    /// is exact; a ROUTER's is set when *any* peer can take more, so with one peer blocked it
    /// would spin: the ROUTER retries on a short tick instead.
    enum WritableSignal {
        case pollOut
        case tick(Duration)
    }

    /// How sends that would block are handled.
    struct SendPolicy {
        /// How long a message may wait for its peer's queue to drain before it fails with `EAGAIN`.
        var timeout: Duration
        var writable: WritableSignal
    }

    private let sockets: IOSockets
    private let mailbox: Mailbox
    private let inbound: InboundFrames
    private let writable: WritableSignal
    private let sendTimeout: Duration
    private let onStop: @Sendable () -> Void
    private var waiting: OutboundLanes
    /// On a ROUTER: credits read, waiting for the TASKs that spend them.
    private var dispatchTimer = DispatchTimer()

    /// At most this many messages are read per wake-up, so that sends are not starved.
    private static let receiveBatch = 256

    init(
        sockets: IOSockets, mailbox: Mailbox, inbound: InboundFrames, sendPolicy: SendPolicy,
        onStop: @escaping @Sendable () -> Void
    ) {
        self.sockets = sockets
        self.mailbox = mailbox
        self.inbound = inbound
        self.writable = sendPolicy.writable
        self.sendTimeout = sendPolicy.timeout
        self.onStop = onStop
        waiting = OutboundLanes(sendTimeout: sendPolicy.timeout)
    }

    /// Starts a thread named `name` that runs `setup` (creating and binding or connecting the
    /// sockets), reports its outcome through `ready`, then serves until `close()`.
    static func start(
        name: String, mailbox: Mailbox, inbound: InboundFrames, sendPolicy: SendPolicy,
        onStop: @escaping @Sendable () -> Void,
        setup: @escaping @Sendable () throws(ZMQError) -> (IOSockets, String),
        ready: CheckedContinuation<Result<String, TransportError>, Never>
    ) {
        Thread.startNamed(name) {
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
            let loop = IOLoop(sockets: sockets, mailbox: mailbox, inbound: inbound, sendPolicy: sendPolicy, onStop: onStop)
            ready.resume(returning: .success(address))
            loop.run()
        }
    }

    private func run() {
        mailbox.runsOnThisThread()
        var closing = false
        while !closing {
            do {
                let ready = try poll()
                if ready.wake { mailbox.wake.drain() }
                waiting.retry(send: send, fail: expire)
                closing = sendPosted()
                if ready.socket { try receive() }
                if ready.zap { try sockets.zap?.answer() }
                if ready.monitor { try sockets.monitor?.read() }
                if ready.disconnects { try sockets.disconnects?.read() }
                // What this thread posted while receiving (a batch's TASKs) signalled no wake-up.
                if sendPosted() { closing = true }
            } catch {
                inbound.logger.error("transport I/O thread stopped", metadata: ["error": "\(error)"])
                closing = true
            }
        }
        shutdown()
    }

    /// Hands what was posted to ZeroMQ (or to the lanes of messages that wait for their peer);
    /// returns whether a close was requested.
    private func sendPosted() -> Bool {
        let taken = mailbox.take()
        for outbound in taken.batch {
            // A ROUTER message starts with the peer's routing id; a DEALER has one peer.
            let peer = inbound.peerFramed ? outbound.frames[0] : []
            waiting.submit(outbound, peer: peer, send: send)
        }
        return taken.closing
    }

    /// Blocks in `zmq_poll` until the socket, the wake-up fd, the ZAP socket or a monitor is
    /// ready, or it is time to retry or expire a blocked send.
    private func poll() throws(ZMQError) -> (socket: Bool, wake: Bool, zap: Bool, monitor: Bool, disconnects: Bool) {
        // Never forever: the loop re-checks its mailbox at least once a second, so a wake-up that
        // went missing would cost a second, never a stalled sweep.
        var timeout = 1_000
        var socketEvents = Int16(ZMQ_POLLIN)
        if let deadline = waiting.nextDeadline {
            var wait = deadline - ContinuousClock.now
            switch writable {
            case .pollOut: socketEvents |= Int16(ZMQ_POLLOUT)
            case .tick(let tick): wait = min(wait, tick)
            }
            let parts = wait.components
            // Rounded up, so that the wait does not end just short of the deadline and spin.
            timeout = min(timeout, max(0, Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000) + 1))
        }
        var items = [
            zmq_pollitem_t(socket: sockets.socket.pollHandle, fd: 0, events: socketEvents, revents: 0),
            zmq_pollitem_t(socket: nil, fd: mailbox.wake.fd, events: Int16(ZMQ_POLLIN), revents: 0),
        ]
        let zapIndex = items.count
        if let zap = sockets.zap {
            items.append(zmq_pollitem_t(socket: zap.pollHandle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let monitorIndex = items.count
        if let monitor = sockets.monitor {
            items.append(zmq_pollitem_t(socket: monitor.pollHandle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let disconnectsIndex = items.count
        if let disconnects = sockets.disconnects {
            items.append(zmq_pollitem_t(socket: disconnects.pollHandle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let count = Int32(items.count)
        let outcome = try ZMQCall.run("zmq_poll") { zmq_poll(&items, count, timeout) }
        guard outcome != nil else { return (false, false, false, false, false) }
        let socketReadable = items[0].revents & Int16(ZMQ_POLLIN) != 0
        let ready = { (index: Int, present: Bool) in present && items[index].revents != 0 }
        return (
            socketReadable, items[1].revents != 0, ready(zapIndex, sockets.zap != nil),
            ready(monitorIndex, sockets.monitor != nil), ready(disconnectsIndex, sockets.disconnects != nil)
        )
    }

    /// Hands `outbound` to ZeroMQ and resumes its sender; false, without resuming, when the
    /// socket would block.
    private func send(_ outbound: Outbound) -> Bool {
        do {
            guard try sockets.socket.send(outbound.frames) else { return false }
            let dispatched = outbound.isTask && inbound.peerFramed
                ? dispatchTimer.taskSent(to: outbound.frames[0], at: DispatchTime.now().uptimeNanoseconds) : nil
            mailbox.stats.withLock { stats in
                stats.sent += 1
                if let dispatched { stats.dispatch.record(nanoseconds: dispatched) }
            }
            outbound.completion(.success(()))
        } catch {
            outbound.completion(.failure(.socket(error)))
        }
        return true
    }

    /// Fails a message that waited past the send timeout. Called from within `waiting.retry`, so
    /// it must not touch `waiting`.
    private func expire(_ outbound: Outbound) {
        let error = ZMQError(function: "zmq_send (blocked for \(sendTimeout))", code: EAGAIN)
        outbound.completion(.failure(.socket(error)))
    }

    private func receive() throws(ZMQError) {
        var batch: [(peer: PeerID?, envelope: Envelope)] = []
        defer { if !batch.isEmpty { inbound.deliver(batch) } }
        for _ in 0..<Self.receiveBatch {
            guard let received = try sockets.socket.receive(maxFrames: inbound.maxFrames) else { return }
            if let disconnects = sockets.disconnects, let peer = received.frames.first {
                if disconnects.isNew(peer, on: received.sourceDescriptor) {
                    // The descriptor may be one a closed connection just freed: its close, queued
                    // before this connection was accepted, is read (after the messages before it)
                    // first, so that it is not taken for this peer's.
                    if !batch.isEmpty { inbound.deliver(batch) }
                    batch = []
                    try disconnects.read()
                }
                disconnects.heard(peer, on: received.sourceDescriptor)
            }
            if let decoded = inbound.decode(received) {
                if let peer = decoded.peer { timeDispatch(of: decoded.envelope.message, from: peer.bytes) }
                batch.append(decoded)
            }
        }
    }

    /// Remembers a peer's credit for `DispatchTimer`, or forgets it when the peer says HELLO.
    private func timeDispatch(of message: Message, from peer: [UInt8]) {
        switch message {
        case .credit(let credit): dispatchTimer.credited(peer, count: credit.n, at: DispatchTime.now().uptimeNanoseconds)
        case .hello: dispatchTimer.introduced(peer)
        default: break
        }
    }

    /// Refuses what is still waiting, closes the sockets (waiting at most their linger), ends the
    /// context and the streams, and releases `close()`.
    private func shutdown() {
        waiting.drain { $0.completion(.failure(.closed)) }
        sockets.zap?.close()
        sockets.monitor?.close()
        sockets.disconnects?.close()
        sockets.socket.close()
        sockets.context.terminate()
        onStop()
        mailbox.finish()
    }
}
