/// The failures the simulator injects, each as likely as the others (reference §7.3 retries them).
public enum Fault: String, Sendable, CaseIterable, Codable {
    /// HTTP 500 with an OpenAI-shaped error body.
    case internalError = "500"
    /// HTTP 503 with an OpenAI-shaped error body.
    case unavailable = "503"
    /// No answer until the client gives up (120 s at most), then the connection is reset.
    case hang
    /// The connection is reset (TCP RST) without any response.
    case reset
    /// HTTP 200 whose JSON body is cut in half (with a Content-Length that matches the cut body).
    case truncatedBody = "truncated"
    /// HTTP 200 with a well-formed completion whose content is `""`.
    case emptyContent = "empty"

    /// The fault, if any, for the `attempt`-th delivery (0-based) of the request with `key` at
    /// `rate`. Depends on nothing else, so runs are reproducible; the content of a delivery that
    /// does not fail never depends on it.
    static func decide(key: RequestKey, attempt: Int, rate: Double) -> Fault? {
        guard rate > 0 else { return nil }
        var rng = key.stream("fault:\(attempt)")
        guard rng.unit() < rate else { return nil }
        return allCases[Int(rng.next() % UInt64(allCases.count))]
    }
}
