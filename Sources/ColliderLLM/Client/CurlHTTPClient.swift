import ColliderCore
import CCurl
import Logging

/// An HTTP client on libcurl's multi interface. One dedicated thread owns the multi handle and
/// every transfer (style 7), so no libcurl call ever blocks the cooperative pool; connections are
/// cached and reused across requests, and HTTP/2 is used where a TLS server offers it.
///
/// Call `shutdown()` when done; dropping the last reference also stops the thread, without waiting.
public final class CurlHTTPClient: Sendable {
    private let loop: CurlMultiLoop

    /// Starts the loop thread. The thread is not a `Task`: it blocks in `curl_multi_poll` by design.
    /// - Parameters:
    ///   - maxConnectionsPerHost: transfers beyond this wait inside libcurl for a free connection.
    ///   - maxCachedConnections: idle connections libcurl keeps open for reuse.
    public init(maxConnectionsPerHost: Int = 16, maxCachedConnections: Int = 64, logger: Logger) throws(TransportError)
    {
        Self.globalInit()
        guard let multi = curl_multi_init() else {
            throw TransportError(.other, "curl_multi_init failed")
        }
        let options: [CurlMultiOption] = [
            .maxHostConnections(maxConnectionsPerHost), .maxCachedConnections(maxCachedConnections), .multiplex,
        ]
        do throws(CurlError) {
            for option in options { try option.apply(to: multi) }
        } catch {
            curl_multi_cleanup(multi)
            throw TransportError(.other, error.description)
        }
        loop = CurlMultiLoop(multi: multi, logger: logger)
        CurlLoopThread.start(loop, maxIdle: maxCachedConnections)
    }

    deinit {
        loop.requestStop()
    }

    /// Sends `request` and returns the complete response. Cancelling the calling task removes the
    /// transfer and throws `.cancelled` at once.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let loop = self.loop
        let id = loop.allocateID()
        let result = await withTaskCancellationHandler {
            await loop.perform(id, request)
        } onCancel: {
            loop.cancel(id)
        }
        return try result.get()
    }

    /// Ends every transfer with `.shutdown`, stops the thread and waits for it.
    public func shutdown() async {
        await loop.stop()
    }

    /// `curl_global_init` once per process, before the first handle; later calls are no-ops.
    private static func globalInit() {
        _ = globalInitDone
    }

    private static let globalInitDone: Bool = ccurl_global_init_default() == CURLE_OK
}
