import ColliderCore
import CCurl
import Foundation

/// One request in flight on the multi loop: its easy handle, header list and the response as it
/// arrives. Confined to the loop thread; libcurl's callbacks reach it through an unretained pointer
/// that stays valid because the loop keeps the transfer in its `active` table until it is removed
/// from the multi handle.
final class CurlTransfer {
    let id: UInt64
    let easy: CurlEasy
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var body: [UInt8] = []
    private var headers: [String: String] = [:]

    init(id: UInt64, easy: CurlEasy, request: HTTPRequest) throws(CurlError) {
        self.id = id
        self.easy = easy
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // An empty `Expect:` stops libcurl from waiting for `100 Continue` on larger bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(.url(request.url))
        try easy.set(.noSignal)
        try easy.set(.tcpKeepAlive)
        try easy.set(.httpVersion2OverTLS)
        try easy.set(.acceptAnyEncoding)
        try easy.set(.connectTimeoutMilliseconds(Self.milliseconds(request.connectTimeoutSeconds)))
        try easy.set(.timeoutMilliseconds(Self.milliseconds(request.timeoutSeconds)))
        try easy.set(.headers(headerList))
        try easy.set(.postBody(request.body))
        try easy.set(.callbackContext(context))
        try easy.set(
            .writeFunction { data, size, count, context in
                let length = size * count
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
                return length
            })
        try easy.set(
            .headerFunction { data, size, count, context in
                let length = size * count
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
                return length
            })
    }

    deinit {
        curl_slist_free_all(headerList)
    }

    /// A status line starts a new header block (after `100 Continue` or a redirect); a field line
    /// is stored under its lower-cased name, its value trimmed of whitespace and newlines. Works on
    /// the bytes: ASCII lines (all of them, in practice) skip Foundation's trimming.
    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        if bytes.starts(with: "HTTP/".utf8) {
            headers = [:]
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        var start = colon + 1
        var end = bytes.count
        while start < end, Self.isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, Self.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self).lowercased()
        if rest.allSatisfy({ $0 < 0x80 }) {
            headers[name] = String(decoding: rest, as: UTF8.self)
        } else {
            // Non-ASCII: Unicode whitespace may border the value; trim as before.
            headers[name] = String(decoding: rest, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Space, tab, LF, VT, FF, CR: the ASCII members of `CharacterSet.whitespacesAndNewlines`.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The outcome once libcurl reports the transfer done with `code`.
    func result(_ code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else { return .failure(Self.transportError(code)) }
        return .success(
            HTTPResponse(
                status: easy.responseCode, headers: headers, body: body,
                openedConnection: easy.connectionsOpened > 0))
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }

    /// Sorts libcurl's result codes into the kinds that decide retries.
    static func transportError(_ code: CURLcode) -> TransportError {
        let text = "libcurl error \(code.rawValue): " + String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError(.timeout, text)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return TransportError(.connection, text)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return TransportError(.invalidRequest, text)
        default:
            return TransportError(.other, text)
        }
    }
}
