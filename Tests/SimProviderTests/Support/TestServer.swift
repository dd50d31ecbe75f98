import Foundation
import Logging
import SimProvider
import Testing

/// Starts a simulated provider on a free loopback port, runs `body`, and stops it.
func withServer<T: Sendable>(
    _ options: SimProvider.Options = .init(), _ body: (RunningSimProvider) async throws -> T
) async throws -> T {
    var logger = Logger(label: "sim-provider-tests")
    logger.logLevel = .critical
    let server = try await SimProvider.start(options, logger: logger)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

/// Sends a chat completion as `role` and returns the reply.
func chat(
    _ server: RunningSimProvider, role: String?, prompt: String, body: Data? = nil, headers: [String: String] = [:],
    timeout: Double = 10
) async throws -> LoopbackHTTPClient.Reply {
    var headers = headers
    headers["Content-Type"] = "application/json"
    if let role { headers["X-Collider-Role"] = role }
    return try await LoopbackHTTPClient.send(
        port: server.port, path: "/v1/chat/completions", headers: headers, body: body ?? Prompts.body(prompt),
        timeout: timeout)
}

/// The assistant content of an OpenAI-shaped reply, or nil when the body does not parse.
func content(of reply: LoopbackHTTPClient.Reply) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: reply.body) as? [String: Any],
        let choices = object["choices"] as? [[String: Any]],
        let message = choices.first?["message"] as? [String: Any]
    else { return nil }
    return message["content"] as? String
}

/// The JSON object inside a reply text, parsed the way reference §3 does: the fenced block if any,
/// then the first `{` to the last `}`.
func parseJSONObject(_ text: String) -> [String: Any]? {
    var inner = Substring(text)
    if let fence = inner.range(of: "```") {
        inner = inner[fence.upperBound...]
        if inner.hasPrefix("json") { inner = inner.dropFirst(4) }
        if let close = inner.range(of: "```") { inner = inner[..<close.lowerBound] }
    }
    guard let open = inner.firstIndex(of: "{"), let close = inner.lastIndex(of: "}"), open < close else { return nil }
    return try? JSONSerialization.jsonObject(with: Data(inner[open...close].utf8)) as? [String: Any]
}
