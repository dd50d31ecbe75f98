import CZeroMQ
import Logging

/// The coordinator's side: one ROUTER socket (`ROUTER_MANDATORY`, `ROUTER_HANDOVER`) owned by a
/// dedicated I/O thread. Malformed, oversized and wrong-version frames are counted in `stats`,
/// logged, reported on `events` and dropped.
public final class RouterEndpoint: Sendable {
    /// Where and how to bind.
    public struct Configuration: Sendable {
        /// A ZeroMQ address, e.g. `tcp://127.0.0.1:*` for a free port.
        public var bindAddress: String
        public var tuning: SocketTuning
        /// Serve CURVE and admit only allow-listed keys; nil for plain TCP.
        public var curve: CurveServerSettings?
        /// How long a send may wait while its peer's queue is full; other peers' messages do not
        /// wait behind it.
        public var sendTimeout: Duration
        /// Deliver received messages on `batches` (everything that arrived since the reader last
        /// took) instead of one by one on `incoming`, which then ends at once.
        public var deliversBatches: Bool

        public init(
            bindAddress: String, tuning: SocketTuning = .router, curve: CurveServerSettings? = nil,
            sendTimeout: Duration = .seconds(5), deliversBatches: Bool = false
        ) {
            self.bindAddress = bindAddress
            self.tuning = tuning
            self.curve = curve
            self.sendTimeout = sendTimeout
            self.deliversBatches = deliversBatches
        }
    }

    /// The bound address, with a `*` port resolved (`ZMQ_LAST_ENDPOINT`).
    public let address: String
    /// Decoded messages and who sent them. Ends when the endpoint closes (at once when it
    /// `deliversBatches`).
    public let incoming: AsyncStream<(peer: PeerID, envelope: Envelope)>
    /// Decoded messages and who sent them, in batches, when the endpoint `deliversBatches`; a
    /// `take()` says when it has closed.
    public let batches: MessageBatches
    /// Dropped frames and refused keys, as they happen (the newest 256 are kept for a slow reader).
    public let events: AsyncStream<TransportEvent>
    /// Peers whose connection closed (a killed process's socket closes at once), as the I/O
    /// thread sees it; only peers that sent at least one message are named. A peer may have
    /// reconnected by the time this is read: what it sends next tells.
    public let disconnects: AsyncStream<PeerDisconnect>
    private let core: EndpointCore

    /// Binds the ROUTER; returns once it is listening.
    public init(_ configuration: Configuration, logger: Logger) async throws(TransportError) {
        let core = try EndpointCore(codec: FrameCodec(maxFrameBytes: configuration.tuning.maxFrameBytes))
        let (incoming, input) = AsyncStream.makeStream(of: (peer: PeerID, envelope: Envelope).self)
        let (events, eventInput) = AsyncStream.makeStream(
            of: TransportEvent.self, bufferingPolicy: .bufferingNewest(256))
        let batches = MessageBatches()
        let deliversBatches = configuration.deliversBatches
        if deliversBatches { input.finish() } else { batches.finish() }
        let inbound = InboundFrames(
            peerFramed: true, codec: core.codec, mailbox: core.mailbox, logger: logger,
            deliver: { batch in
                if deliversBatches {
                    batches.append(batch.map { (peer: $0.peer ?? PeerID(bytes: []), envelope: $0.envelope) })
                } else {
                    for (peer, envelope) in batch { input.yield((peer ?? PeerID(bytes: []), envelope)) }
                }
            },
            events: eventInput)
        let (disconnects, disconnectInput) = AsyncStream.makeStream(of: PeerDisconnect.self)
        let mailbox = core.mailbox
        let options: [SocketOption] =
            [.routerMandatory(true), .routerHandover(true)] + configuration.tuning.options
            + (configuration.curve.map { [.curveServer(true), .curveSecretKey($0.secretKey.z85), .zapDomain("collider")] } ?? [])
        address = try await core.start(
            name: "zmq-router", inbound: inbound,
            sendPolicy: IOLoop.SendPolicy(timeout: configuration.sendTimeout, writable: .tick(.milliseconds(2))),
            onStop: {
                input.finish()
                batches.finish()
                eventInput.finish()
                disconnectInput.finish()
            },
            setup: { () throws(ZMQError) in
                try IOSockets.open(
                    kind: ZMQ_ROUTER, options: options,
                    makeZAP: { context throws(ZMQError) in
                        guard let curve = configuration.curve else { return nil }
                        return try ZAPHandler(
                            context: context, allowedKeys: curve.allowedClientKeys, mailbox: mailbox,
                            logger: logger, events: eventInput)
                    },
                    makeDisconnects: { context, socket throws(ZMQError) in
                        try DisconnectMonitor(context: context, watching: socket) { peer in
                            let delivered = mailbox.stats.withLock { $0.received }
                            disconnectInput.yield(PeerDisconnect(peer: peer, deliveredBefore: delivered))
                        }
                    },
                    attach: { socket throws(ZMQError) in try socket.bind(configuration.bindAddress) })
            })
        self.incoming = incoming
        self.batches = batches
        self.events = events
        self.disconnects = disconnects
        self.core = core
    }

    // Without a close, the I/O thread would serve forever; it holds no reference back to this object.
    deinit { core.mailbox.requestClose(nil) }

    /// Sends `message` to `peer`; returns its message id once ZeroMQ has queued it. Throws
    /// `.socket` with `EHOSTUNREACH` for a peer that is not connected, and with `EAGAIN` when the
    /// peer's queue stayed full for `sendTimeout` (a slow peer holds up only its own messages).
    @discardableResult
    public func send(_ message: Message, to peer: PeerID) async throws(TransportError) -> UInt64 {
        try await core.send(message, routing: [peer.bytes])
    }

    /// Queues `messages` for their peers in order and returns at once, without waiting for ZeroMQ
    /// to take them; `failed` hears of each one that could not be encoded or sent (a peer that is
    /// not connected, a queue full for `sendTimeout`, the endpoint closing).
    public func post(
        _ messages: [(message: Message, peer: PeerID)],
        failed: @escaping @Sendable (PeerID, MessageType, TransportError) -> Void
    ) {
        core.post(messages.map { ($0.message, [$0.peer.bytes]) }) { type, routing, error in
            failed(PeerID(bytes: routing.first ?? []), type, error)
        }
    }

    /// Counters since the endpoint started.
    public var stats: TransportStats { core.stats }

    /// Stops the I/O thread: queued sends fail with `.closed`, the socket lingers at most
    /// `tuning.lingerMilliseconds`, and both streams end.
    public func close() async { await core.close() }
}
