/// A request as the loopback server received it.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    /// Header fields, names lower-cased.
    var headers: [String: String]
    var body: String
}

/// What the loopback server answers to one request.
struct ScriptedResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: String
    /// Seconds to hold the response back.
    var delaySeconds: Double = 0

    /// The bytes of an HTTP/1.1 keep-alive response.
    var wireBytes: [UInt8] {
        let bodyBytes = Array(body.utf8)
        var head = "HTTP/1.1 \(status) Scripted\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(bodyBytes.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + bodyBytes
    }
}

/// HTTP/1.1 request framing: head up to the blank line, body by `Content-Length`.
enum HTTPWire {
    /// Removes and returns the first complete request in `buffer`, nil while it is incomplete.
    static func takeRequest(from buffer: inout [UInt8]) -> RecordedRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = buffer.firstRange(of: separator) else { return nil }
        let headText = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst().split(separator: " ").map(String.init)
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
            headers[line[..<colon].lowercased()] = String(value)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count - headEnd.upperBound >= length else { return nil }
        let body = String(decoding: buffer[headEnd.upperBound..<(headEnd.upperBound + length)], as: UTF8.self)
        buffer.removeFirst(headEnd.upperBound + length)
        return RecordedRequest(
            method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "", headers: headers,
            body: body)
    }
}
