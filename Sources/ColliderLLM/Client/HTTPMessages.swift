import ColliderCore

/// An HTTP POST for `CurlHTTPClient`.
public struct HTTPRequest: Sendable {
    /// The full URL, scheme included.
    public var url: String
    /// Header fields in order, as `(name, value)`.
    public var headers: [(name: String, value: String)]
    /// The request body, sent as is.
    public var body: [UInt8]
    /// Connection-setup timeout.
    public var connectTimeoutSeconds: Double
    /// Whole-transfer timeout, connection setup included.
    public var timeoutSeconds: Double

    public init(
        url: String, headers: [(name: String, value: String)], body: [UInt8], connectTimeoutSeconds: Double,
        timeoutSeconds: Double
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields of the final response, names lower-cased; the last of repeated fields wins.
    public var headers: [String: String]
    /// The response body, decoded from any content encoding.
    public var body: [UInt8]
    /// Whether this transfer opened a new connection rather than reusing a cached one.
    public var openedConnection: Bool

    public init(status: Int, headers: [String: String], body: [UInt8], openedConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.openedConnection = openedConnection
    }
}

/// Why a transfer produced no response.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad reason, which decides retries.
    public enum Kind: String, Sendable, Equatable {
        /// The connect or the whole-transfer timeout expired.
        case timeout
        /// The connection could not be made or broke.
        case connection
        /// The request cannot work as configured (bad URL, unsupported scheme).
        case invalidRequest
        /// The caller cancelled the transfer.
        case cancelled
        /// The client was shut down before the transfer finished.
        case shutdown
        /// Any other libcurl failure.
        case other
    }

    /// What went wrong, broadly.
    public var kind: Kind
    /// libcurl's description of the failure.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
