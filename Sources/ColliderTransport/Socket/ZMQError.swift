import CZeroMQ

/// A failed ZeroMQ call: which function, and the errno it left.
public struct ZMQError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The C function that failed, e.g. `zmq_bind(tcp://127.0.0.1:5555)`.
    public var function: String
    /// The `zmq_errno()` value, e.g. `EHOSTUNREACH` for a ROUTER_MANDATORY send to an unknown peer.
    public var code: Int32

    public init(function: String, code: Int32) {
        self.function = function
        self.code = code
    }

    public var description: String {
        "\(function) failed: \(String(cString: zmq_strerror(code))) (errno \(code))"
    }
}

/// The one place a ZeroMQ call that signals failure with -1 and errno is checked (style.md 6).
enum ZMQCall {
    /// Runs `body` until it does not fail with `EINTR`. Returns its result, nil when it failed with
    /// `EAGAIN` (would block), and throws `ZMQError` naming `function` for any other failure.
    @discardableResult
    static func run(_ function: @autoclosure () -> String, _ body: () -> CInt) throws(ZMQError) -> CInt? {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = zmq_errno()
            switch code {
            case EINTR: continue
            case EAGAIN: return nil
            default: throw ZMQError(function: function(), code: code)
            }
        }
    }
}
