import CZeroMQ

/// The socket options collider sets, with their C names.
enum SocketOption {
    /// `ZMQ_ROUTER_MANDATORY`: a send to an unknown peer fails with `EHOSTUNREACH`.
    case routerMandatory(Bool)
    /// `ZMQ_ROUTER_HANDOVER`: a new connection with a known routing id takes it over.
    case routerHandover(Bool)
    /// `ZMQ_ROUTING_ID`: the identity a DEALER presents to the ROUTER.
    case routingID([UInt8])
    /// `ZMQ_MAXMSGSIZE`: libzmq drops a connection that sends a larger frame; -1 for no limit.
    case maxMessageSize(Int64)
    /// `ZMQ_LINGER`, milliseconds: how long closing waits to deliver queued messages.
    case linger(Int32)
    /// `ZMQ_SNDHWM`, messages.
    case sendHighWaterMark(Int32)
    /// `ZMQ_RCVHWM`, messages.
    case receiveHighWaterMark(Int32)
    /// `ZMQ_RECONNECT_IVL`, milliseconds.
    case reconnectInterval(Int32)
    /// `ZMQ_RECONNECT_IVL_MAX`, milliseconds; the interval doubles up to it.
    case reconnectIntervalMax(Int32)
    /// `ZMQ_HEARTBEAT_IVL`, milliseconds between ZMTP pings.
    case heartbeatInterval(Int32)
    /// `ZMQ_HEARTBEAT_TIMEOUT`, milliseconds without traffic before the connection is dropped.
    case heartbeatTimeout(Int32)
    /// `ZMQ_HEARTBEAT_TTL`, milliseconds the peer should wait for our traffic.
    case heartbeatTTL(Int32)
    /// `ZMQ_TCP_KEEPALIVE`: the kernel's TCP keepalive probes on (1) or off (0).
    case tcpKeepalive(Bool)
    /// `ZMQ_TCP_KEEPALIVE_IDLE`, seconds of silence before the first probe.
    case tcpKeepaliveIdle(Int32)
    /// `ZMQ_TCP_KEEPALIVE_INTVL`, seconds between probes.
    case tcpKeepaliveInterval(Int32)
    /// `ZMQ_TCP_KEEPALIVE_CNT`, unanswered probes after which the kernel closes the connection.
    case tcpKeepaliveCount(Int32)
    /// `ZMQ_CURVE_SERVER`.
    case curveServer(Bool)
    /// `ZMQ_CURVE_PUBLICKEY`, Z85 text.
    case curvePublicKey(String)
    /// `ZMQ_CURVE_SECRETKEY`, Z85 text.
    case curveSecretKey(String)
    /// `ZMQ_CURVE_SERVERKEY`, Z85 text.
    case curveServerKey(String)
    /// `ZMQ_ZAP_DOMAIN`.
    case zapDomain(String)

    /// The C option name and its value as bytes.
    var raw: (name: CInt, label: String, value: [UInt8]) {
        switch self {
        case .routerMandatory(let on): (ZMQ_ROUTER_MANDATORY, "ZMQ_ROUTER_MANDATORY", Self.bytes(Int32(on ? 1 : 0)))
        case .routerHandover(let on): (ZMQ_ROUTER_HANDOVER, "ZMQ_ROUTER_HANDOVER", Self.bytes(Int32(on ? 1 : 0)))
        case .routingID(let id): (ZMQ_ROUTING_ID, "ZMQ_ROUTING_ID", id)
        case .maxMessageSize(let size): (ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE", Self.bytes(size))
        case .linger(let ms): (ZMQ_LINGER, "ZMQ_LINGER", Self.bytes(ms))
        case .sendHighWaterMark(let n): (ZMQ_SNDHWM, "ZMQ_SNDHWM", Self.bytes(n))
        case .receiveHighWaterMark(let n): (ZMQ_RCVHWM, "ZMQ_RCVHWM", Self.bytes(n))
        case .reconnectInterval(let ms): (ZMQ_RECONNECT_IVL, "ZMQ_RECONNECT_IVL", Self.bytes(ms))
        case .reconnectIntervalMax(let ms): (ZMQ_RECONNECT_IVL_MAX, "ZMQ_RECONNECT_IVL_MAX", Self.bytes(ms))
        case .heartbeatInterval(let ms): (ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL", Self.bytes(ms))
        case .heartbeatTimeout(let ms): (ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT", Self.bytes(ms))
        case .heartbeatTTL(let ms): (ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL", Self.bytes(ms))
        case .tcpKeepalive(let on): (ZMQ_TCP_KEEPALIVE, "ZMQ_TCP_KEEPALIVE", Self.bytes(Int32(on ? 1 : 0)))
        case .tcpKeepaliveIdle(let s): (ZMQ_TCP_KEEPALIVE_IDLE, "ZMQ_TCP_KEEPALIVE_IDLE", Self.bytes(s))
        case .tcpKeepaliveInterval(let s): (ZMQ_TCP_KEEPALIVE_INTVL, "ZMQ_TCP_KEEPALIVE_INTVL", Self.bytes(s))
        case .tcpKeepaliveCount(let n): (ZMQ_TCP_KEEPALIVE_CNT, "ZMQ_TCP_KEEPALIVE_CNT", Self.bytes(n))
        case .curveServer(let on): (ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", Self.bytes(Int32(on ? 1 : 0)))
        case .curvePublicKey(let key): (ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY", Array(key.utf8))
        case .curveSecretKey(let key): (ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", Array(key.utf8))
        case .curveServerKey(let key): (ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY", Array(key.utf8))
        case .zapDomain(let domain): (ZMQ_ZAP_DOMAIN, "ZMQ_ZAP_DOMAIN", Array(domain.utf8))
        }
    }

    private static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }
}
