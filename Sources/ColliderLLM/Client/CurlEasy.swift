import ColliderCore
import CCurl

/// The libcurl easy options collider sets, each mapped to one typed wrapper of `shim.h`.
enum CurlEasyOption {
    case url(String)
    /// The request body; libcurl copies it and sends a POST.
    case postBody([UInt8])
    /// A header list that must outlive the transfer (`CurlTransfer` owns it).
    case headers(UnsafeMutablePointer<curl_slist>?)
    case connectTimeoutMilliseconds(Int)
    case timeoutMilliseconds(Int)
    /// HTTP/2 over TLS where the server offers it, HTTP/1.1 otherwise.
    case httpVersion2OverTLS
    /// No signals from libcurl: it runs on a thread of a multi-threaded process.
    case noSignal
    /// Let libcurl offer every encoding it decodes (gzip, …).
    case acceptAnyEncoding
    case tcpKeepAlive
    /// Receives body bytes; its context is `callbackContext`.
    case writeFunction(ccurl_data_callback)
    /// Receives header lines; its context is `callbackContext`.
    case headerFunction(ccurl_data_callback)
    /// The context pointer both callbacks receive.
    case callbackContext(UnsafeMutableRawPointer)

    /// The option's name for error messages; never its value, which may be a body or a header.
    var name: String {
        switch self {
        case .url: "URL"
        case .postBody: "COPYPOSTFIELDS"
        case .headers: "HTTPHEADER"
        case .connectTimeoutMilliseconds: "CONNECTTIMEOUT_MS"
        case .timeoutMilliseconds: "TIMEOUT_MS"
        case .httpVersion2OverTLS: "HTTP_VERSION"
        case .noSignal: "NOSIGNAL"
        case .acceptAnyEncoding: "ACCEPT_ENCODING"
        case .tcpKeepAlive: "TCP_KEEPALIVE"
        case .writeFunction: "WRITEFUNCTION"
        case .headerFunction: "HEADERFUNCTION"
        case .callbackContext: "HEADERDATA"
        }
    }
}

/// A libcurl failure: the function, the code and libcurl's text for it.
struct CurlError: Error, Sendable, CustomStringConvertible {
    var function: String
    var code: Int
    var text: String

    var description: String { "\(function) failed (\(code)): \(text)" }

    init(_ function: String, _ code: CURLcode) {
        self.function = function
        self.code = Int(code.rawValue)
        self.text = String(cString: curl_easy_strerror(code))
    }

    init(_ function: String, _ code: CURLMcode) {
        self.function = function
        self.code = Int(code.rawValue)
        self.text = String(cString: curl_multi_strerror(code))
    }
}

/// One libcurl easy handle. Used only on the multi loop's thread, which owns it.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer

    init() throws(CurlError) {
        guard let handle = curl_easy_init() else {
            throw CurlError("curl_easy_init", CURLE_FAILED_INIT)
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Forgets every option so the handle can carry the next request; the connection cache stays.
    func reset() {
        curl_easy_reset(handle)
    }

    func set(_ option: CurlEasyOption) throws(CurlError) {
        let code: CURLcode
        switch option {
        case .url(let url):
            code = ccurl_easy_setopt_string(handle, CURLOPT_URL, url)
        case .postBody(let bytes):
            let sized = ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            guard sized == CURLE_OK else { throw CurlError("curl_easy_setopt(POSTFIELDSIZE_LARGE)", sized) }
            code = bytes.withUnsafeBytes { buffer in
                ccurl_easy_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
            }
        case .headers(let list):
            code = ccurl_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        case .connectTimeoutMilliseconds(let milliseconds):
            code = ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        case .timeoutMilliseconds(let milliseconds):
            code = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        case .httpVersion2OverTLS:
            code = ccurl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        case .noSignal:
            code = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        case .acceptAnyEncoding:
            code = ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        case .tcpKeepAlive:
            code = ccurl_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        case .writeFunction(let callback):
            code = ccurl_easy_setopt_callback(handle, CURLOPT_WRITEFUNCTION, callback)
        case .headerFunction(let callback):
            code = ccurl_easy_setopt_callback(handle, CURLOPT_HEADERFUNCTION, callback)
        case .callbackContext(let context):
            let written = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            guard written == CURLE_OK else { throw CurlError("curl_easy_setopt(WRITEDATA)", written) }
            code = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        }
        guard code == CURLE_OK else { throw CurlError("curl_easy_setopt(\(option.name))", code) }
    }

    /// The HTTP status of the last response, 0 when none arrived.
    var responseCode: Int {
        var code = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// Number of new connections the last transfer opened (0 when it reused one).
    var connectionsOpened: Int {
        var count = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &count)
        return count
    }
}
