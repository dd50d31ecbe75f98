/// Socket settings both endpoint kinds share.
///
/// **Dead connections.** The two ends watch their connections differently (`router`, `dealer`).
/// libzmq keeps each connection's heartbeat timers in one list per I/O thread and cancels a
/// timer by walking that list: a ROUTER with ZMTP heartbeats to a thousand workers walked
/// thousands of timers for every PONG, and when the workers had connected together their
/// heartbeats came in bursts that held TASKs back for milliseconds (docs/benchmarks.md, round of
/// 2026-11-29 08:40). So the coordinator's ROUTER sends no ZMTP heartbeats and the workers' carry
/// no TTL for it to arm: a worker's liveness is the protocol's `PING`/`PONG`, and a connection to
/// a vanished host is closed by the kernel's TCP keepalive. A worker keeps its ZMTP heartbeat: one
/// connection, one timer, and it notices a coordinator host that vanished without closing.
public struct SocketTuning: Sendable, Hashable {
    /// The codec's limit: a larger frame is counted as oversized, logged and dropped, and the
    /// connection is kept. Default 64 MiB.
    public var maxFrameBytes: Int
    /// `ZMQ_MAXMSGSIZE`, the hard bound on memory: libzmq drops the connection of a peer that sends
    /// a larger frame before it is read. Default twice `maxFrameBytes`.
    public var socketMaxFrameBytes: Int
    /// `ZMQ_LINGER`: how long `close()` may wait to deliver messages already queued.
    public var lingerMilliseconds: Int32
    /// `ZMQ_SNDHWM` and `ZMQ_RCVHWM`, messages per peer.
    public var sendHighWaterMark: Int32
    public var receiveHighWaterMark: Int32
    /// ZMTP heartbeats (`ZMQ_HEARTBEAT_IVL`, `_TIMEOUT`, `_TTL`, milliseconds); nil for none. These
    /// detect dead TCP connections; lease liveness is the protocol's `PING`/`PONG`.
    public var heartbeat: ZMTPHeartbeat?
    /// The kernel's TCP keepalive probes; nil leaves the system's setting.
    public var keepalive: TCPKeepalive?

    /// The coordinator's ROUTER: no ZMTP heartbeats, TCP keepalive on.
    public static let router = SocketTuning(heartbeat: nil, keepalive: TCPKeepalive())
    /// A worker's DEALER: ZMTP heartbeats every second, without a TTL for the coordinator.
    public static let dealer = SocketTuning()

    public init(
        maxFrameBytes: Int = FrameCodec.defaultMaxFrameBytes, socketMaxFrameBytes: Int? = nil,
        lingerMilliseconds: Int32 = 1000, sendHighWaterMark: Int32 = 1000, receiveHighWaterMark: Int32 = 1000,
        heartbeat: ZMTPHeartbeat? = ZMTPHeartbeat(), keepalive: TCPKeepalive? = nil
    ) {
        self.maxFrameBytes = maxFrameBytes
        self.socketMaxFrameBytes = socketMaxFrameBytes ?? 2 * maxFrameBytes
        self.lingerMilliseconds = lingerMilliseconds
        self.sendHighWaterMark = sendHighWaterMark
        self.receiveHighWaterMark = receiveHighWaterMark
        self.heartbeat = heartbeat
        self.keepalive = keepalive
    }

    /// The options these settings stand for.
    var options: [SocketOption] {
        var options: [SocketOption] = [
            .maxMessageSize(Int64(socketMaxFrameBytes)), .linger(lingerMilliseconds),
            .sendHighWaterMark(sendHighWaterMark), .receiveHighWaterMark(receiveHighWaterMark),
        ]
        if let heartbeat {
            options += [
                .heartbeatInterval(heartbeat.intervalMilliseconds), .heartbeatTimeout(heartbeat.timeoutMilliseconds),
                .heartbeatTTL(heartbeat.ttlMilliseconds),
            ]
        }
        if let keepalive {
            options += [
                .tcpKeepalive(true), .tcpKeepaliveIdle(keepalive.idleSeconds),
                .tcpKeepaliveInterval(keepalive.intervalSeconds), .tcpKeepaliveCount(keepalive.probes),
            ]
        }
        return options
    }
}

/// ZMTP-level heartbeat settings, milliseconds.
public struct ZMTPHeartbeat: Sendable, Hashable {
    public var intervalMilliseconds: Int32
    /// Silence after a ZMTP ping after which this end drops the connection.
    public var timeoutMilliseconds: Int32
    /// How long the peer should wait for traffic before dropping the connection; 0 for no
    /// limit, which spares the peer a timer per ping (see `SocketTuning`).
    public var ttlMilliseconds: Int32

    public init(intervalMilliseconds: Int32 = 1000, timeoutMilliseconds: Int32 = 5000, ttlMilliseconds: Int32 = 0) {
        self.intervalMilliseconds = intervalMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.ttlMilliseconds = ttlMilliseconds
    }
}

/// The kernel's TCP keepalive: after `idleSeconds` of silence on a connection, a probe every
/// `intervalSeconds`; after `probes` unanswered ones the connection is closed. The defaults close
/// a connection to a vanished host within about a minute.
public struct TCPKeepalive: Sendable, Hashable {
    public var idleSeconds: Int32
    public var intervalSeconds: Int32
    public var probes: Int32

    public init(idleSeconds: Int32 = 30, intervalSeconds: Int32 = 10, probes: Int32 = 3) {
        self.idleSeconds = idleSeconds
        self.intervalSeconds = intervalSeconds
        self.probes = probes
    }
}
