import ColliderTransport
import Logging

extension Worker {
    /// Watches the connection's handshakes. A refused CURVE key cannot get better by retrying
    /// (libzmq does not reconnect after it), so the worker stops and `run()` throws; any other
    /// failed handshake (a wrong server key, CURVE on one side only) is logged once and retried.
    func watchHandshakes(_ events: AsyncStream<TransportEvent>) async {
        var warned = false
        for await event in events {
            guard case .handshakeFailed(let failure, let address) = event else { continue }
            if case .refused(let status) = failure {
                let refused = WorkerKeyRefused(
                    coordinator: address, publicKey: options.curve?.keyPair.publicKey, zapStatus: status)
                refusal = refused
                logger.notice("\(refused)")  // also thrown by run(): the caller reports it
                await stop()
                return
            }
            if !warned {
                warned = true
                logger.warning(
                    """
                    the handshake with the coordinator at \(address) failed (\(failure)): check that \
                    --curve-server-key is the coordinator's .pub and that both sides use CURVE or neither; retrying
                    """)
            }
        }
    }
}

/// The coordinator's ZAP handler refused this worker's CURVE key.
public struct WorkerKeyRefused: Error, Sendable, CustomStringConvertible {
    /// The coordinator's address as the connection saw it.
    public var coordinator: String
    /// This worker's public key (nil without CURVE).
    public var publicKey: String?
    /// The ZAP status code (400: not on the allow-list).
    public var zapStatus: Int

    public var description: String {
        "the coordinator at \(coordinator) refused this worker's CURVE key \(publicKey ?? "(none)") "
            + "(ZAP status \(zapStatus)): copy this worker's NAME.pub into the coordinator's --allow-keys directory "
            + "and restart the coordinator"
    }
}
