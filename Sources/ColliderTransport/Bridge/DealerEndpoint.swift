import CZeroMQ
import Logging

/// The worker's side: one DEALER socket with a stable routing id, owned by a dedicated I/O thread.
/// ZeroMQ reconnects it by itself; messages sent while disconnected queue up to the high-water mark.
public final class DealerEndpoint: Sendable {
    /// Where and how to connect.
    public struct Configuration: Sendable {
        /// The coordinator's address, e.g. `tcp://127.0.0.1:5555`.
        public var connectAddress: String
        /// The routing id the coordinator knows this worker by; keep it across restarts so that
        /// `ROUTER_HANDOVER` hands the new connection the old one's place.
        public var routingID: String
        public var tuning: SocketTuning
        public var curve: CurveClientSettings?
        /// How long a send may wait while the queue to the coordinator is full.
        public var sendTimeout: Duration
        /// `ZMQ_RECONNECT_IVL` and `ZMQ_RECONNECT_IVL_MAX`: the first retry, and the cap of its doubling.
        public var reconnectIntervalMilliseconds: Int32
        public var reconnectIntervalMaxMilliseconds: Int32

        public init(
            connectAddress: String, routingID: String, tuning: SocketTuning = .dealer,
            curve: CurveClientSettings? = nil, sendTimeout: Duration = .seconds(5),
            reconnectIntervalMilliseconds: Int32 = 100, reconnectIntervalMaxMilliseconds: Int32 = 32_000
        ) {
            self.connectAddress = connectAddress
            self.routingID = routingID
            self.tuning = tuning
            self.curve = curve
            self.sendTimeout = sendTimeout
            self.reconnectIntervalMilliseconds = reconnectIntervalMilliseconds
            self.reconnectIntervalMaxMilliseconds = reconnectIntervalMaxMilliseconds
        }
    }

    /// Decoded messages from the coordinator. Ends when the endpoint closes.
    public let incoming: AsyncStream<Envelope>
    /// Dropped frames and failed handshakes (a refused CURVE key, a wrong server key, CURVE on
    /// one side only), as they happen (the newest 256 are kept for a slow reader).
    public let events: AsyncStream<TransportEvent>
    private let core: EndpointCore

    /// Connects the DEALER; returns at once (the connection itself is made in the background).
    public init(_ configuration: Configuration, logger: Logger) async throws(TransportError) {
        let core = try EndpointCore(codec: FrameCodec(maxFrameBytes: configuration.tuning.maxFrameBytes))
        let (incoming, input) = AsyncStream.makeStream(of: Envelope.self)
        let (events, eventInput) = AsyncStream.makeStream(
            of: TransportEvent.self, bufferingPolicy: .bufferingNewest(256))
        let inbound = InboundFrames(
            peerFramed: false, codec: core.codec, mailbox: core.mailbox, logger: logger,
            deliver: { batch in for (_, envelope) in batch { input.yield(envelope) } }, events: eventInput)
        var options: [SocketOption] = [
            .routingID(Array(configuration.routingID.utf8)),
            .reconnectInterval(configuration.reconnectIntervalMilliseconds),
            .reconnectIntervalMax(configuration.reconnectIntervalMaxMilliseconds),
        ]
        options += configuration.tuning.options
        if let curve = configuration.curve {
            options += [
                .curveServerKey(curve.serverPublicKey), .curvePublicKey(curve.keyPair.publicKey),
                .curveSecretKey(curve.keyPair.secretKey.z85),
            ]
        }
        let finalOptions = options
        let mailbox = core.mailbox
        _ = try await core.start(
            name: "zmq-dealer", inbound: inbound,
            sendPolicy: IOLoop.SendPolicy(timeout: configuration.sendTimeout, writable: .pollOut),
            onStop: {
                input.finish()
                eventInput.finish()
            },
            setup: { () throws(ZMQError) in
                try IOSockets.open(
                    kind: ZMQ_DEALER, options: finalOptions, makeZAP: { _ in nil },
                    makeMonitor: { context, socket throws(ZMQError) in
                        try HandshakeMonitor(
                            context: context, watching: socket, mailbox: mailbox, logger: logger, events: eventInput)
                    },
                    attach: { socket throws(ZMQError) in try socket.connect(configuration.connectAddress) })
            })
        self.incoming = incoming
        self.events = events
        self.core = core
    }

    // Without a close, the I/O thread would serve forever; it holds no reference back to this object.
    deinit { core.mailbox.requestClose(nil) }

    /// Sends `message` to the coordinator; returns its message id once ZeroMQ has queued it.
    /// Waits up to `sendTimeout` while the queue is full, then throws `.socket` with `EAGAIN`.
    @discardableResult
    public func send(_ message: Message) async throws(TransportError) -> UInt64 {
        try await core.send(message, routing: [])
    }

    /// Counters since the endpoint started.
    public var stats: TransportStats { core.stats }

    /// Stops the I/O thread: queued sends fail with `.closed`, the socket lingers at most
    /// `tuning.lingerMilliseconds`, and both streams end.
    public func close() async { await core.close() }
}
