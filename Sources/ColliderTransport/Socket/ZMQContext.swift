import CZeroMQ

/// A ZeroMQ context. Not `Sendable`: the endpoint's I/O thread creates it, owns it and ends it.
final class ZMQContext {
    let handle: UnsafeMutableRawPointer

    init() throws(ZMQError) {
        var created: UnsafeMutableRawPointer?
        try ZMQCall.run("zmq_ctx_new") {
            created = zmq_ctx_new()
            return created == nil ? -1 : 0
        }
        // `run` returned, so the call did not fail and `created` is set.
        handle = created.unsafelyUnwrapped
    }

    /// Ends the context once every socket in it is closed; blocks at most for their linger.
    func terminate() {
        // `zmq_ctx_term` fails only with EFAULT (a bad handle) or EINTR, which `run` retries.
        _ = try? ZMQCall.run("zmq_ctx_term") { zmq_ctx_term(handle) }
    }
}
