import ColliderCore
import CCurl

/// The libcurl multi options collider sets, each through `ccurl_multi_setopt_long`.
enum CurlMultiOption {
    /// Transfers to one host beyond this wait inside libcurl for a free connection.
    case maxHostConnections(Int)
    /// Idle connections kept open for reuse.
    case maxCachedConnections(Int)
    /// Multiplex transfers over one HTTP/2 connection where the server speaks HTTP/2.
    case multiplex

    /// Sets the option on `multi`.
    func apply(to multi: UnsafeMutableRawPointer) throws(CurlError) {
        let code =
            switch self {
            case .maxHostConnections(let count): ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, count)
            case .maxCachedConnections(let count): ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, count)
            case .multiplex: ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, ccurl_pipe_multiplex())
            }
        guard code == CURLM_OK else { throw CurlError("curl_multi_setopt", code) }
    }
}
