/// Socket settings both endpoint kinds share.
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

    public init(
        maxFrameBytes: Int = FrameCodec.defaultMaxFrameBytes, socketMaxFrameBytes: Int? = nil,
        lingerMilliseconds: Int32 = 1000, sendHighWaterMark: Int32 = 1000, receiveHighWaterMark: Int32 = 1000,
        heartbeat: ZMTPHeartbeat? = ZMTPHeartbeat()
    ) {
        self.maxFrameBytes = maxFrameBytes
        self.socketMaxFrameBytes = socketMaxFrameBytes ?? 2 * maxFrameBytes
        self.lingerMilliseconds = lingerMilliseconds
        self.sendHighWaterMark = sendHighWaterMark
        self.receiveHighWaterMark = receiveHighWaterMark
        self.heartbeat = heartbeat
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
        return options
    }
}

/// ZMTP-level heartbeat settings, milliseconds.
public struct ZMTPHeartbeat: Sendable, Hashable {
    public var intervalMilliseconds: Int32
    public var timeoutMilliseconds: Int32
    public var ttlMilliseconds: Int32

    public init(intervalMilliseconds: Int32 = 1000, timeoutMilliseconds: Int32 = 5000, ttlMilliseconds: Int32 = 5000) {
        self.intervalMilliseconds = intervalMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.ttlMilliseconds = ttlMilliseconds
    }
}
