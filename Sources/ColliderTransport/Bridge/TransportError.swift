/// Why an endpoint could not start or send.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The codec refused the message (too large, not encodable).
    case frame(FrameError)
    /// A ZeroMQ call failed: `EHOSTUNREACH` for a peer the ROUTER does not know, `EAGAIN` when the
    /// peer's queue stayed full, `EADDRINUSE` for a taken bind address, and so on.
    case socket(ZMQError)
    /// The endpoint is closed or closing.
    case closed

    public var description: String {
        switch self {
        case .frame(let error): "message refused: \(error)"
        case .socket(let error): "\(error)"
        case .closed: "the endpoint is closed"
        }
    }

    /// The errno of a socket failure, nil for other errors.
    public var socketErrno: Int32? {
        if case .socket(let error) = self { error.code } else { nil }
    }
}
