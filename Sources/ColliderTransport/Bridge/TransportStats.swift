/// Counters of an endpoint since it started.
public struct TransportStats: Sendable, Hashable {
    /// Envelopes decoded and delivered to `incoming`.
    public var received = 0
    /// Messages handed to ZeroMQ.
    public var sent = 0
    /// Frames that were not a well-formed envelope, or arrived with the wrong number of parts.
    public var malformed = 0
    /// Envelopes with a `type` this build does not know.
    public var unknownType = 0
    /// Envelopes of another protocol version.
    public var unsupportedVersion = 0
    /// Frames over the codec's `maxFrameBytes` (frames over `ZMQ_MAXMSGSIZE` never arrive: libzmq
    /// drops the connection that sent them).
    public var oversized = 0
    /// CURVE handshakes refused because the client's key is not on the allow-list.
    public var refusedKeys = 0
    /// Handshakes with the peer that failed, on a monitored DEALER.
    public var handshakeFailures = 0
    /// On a ROUTER, each TASK from reading the CREDIT it spends to handing it to ZeroMQ
    /// (`DispatchTimer`).
    public var dispatch = LatencyHistogram()

    public init() {}

    /// All dropped frames together.
    public var dropped: Int { malformed + unknownType + unsupportedVersion + oversized }

    mutating func countDrop(_ code: FrameError.Code) {
        switch code {
        case .malformed, .unencodable: malformed += 1
        case .unknownType: unknownType += 1
        case .unsupportedVersion: unsupportedVersion += 1
        case .oversized: oversized += 1
        }
    }
}

/// Something an endpoint refused, reported as it happens.
public enum TransportEvent: Sendable, Hashable {
    /// A frame was dropped; `peer` is nil on a DEALER (its only peer is the ROUTER).
    case dropped(peer: PeerID?, FrameError)
    /// A CURVE client with a key not on the allow-list was refused.
    case refusedKey(publicKey: String, address: String)
    /// A DEALER's handshake with the coordinator at `address` failed.
    case handshakeFailed(HandshakeFailure, address: String)
}
