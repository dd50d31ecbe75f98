import Testing

import ColliderCore
@testable import ColliderLLM

/// The transport alone against the loopback server.
struct CurlHTTPClientTests {
    private func post(_ server: LoopbackHTTPServer, timeout: Double = 5) -> HTTPRequest {
        HTTPRequest(
            url: server.baseURL + "/chat/completions", headers: [("X-Test", "1")], body: Array("{}".utf8),
            connectTimeoutSeconds: 2, timeoutSeconds: timeout)
    }

    @Test(.timeLimit(.minutes(1)))
    func sequentialRequestsReuseOneConnectionAndCaptureHeaders() async throws {
        let server = try LoopbackHTTPServer { _, index in
            ScriptedResponse(status: 200, headers: [("X-RateLimit-Remaining-Requests", "\(99 - index)")], body: "{}")
        }
        let client = try CurlHTTPClient(logger: LogCapture().logger())
        var opened: [Bool] = []
        for _ in 0..<3 {
            let response = try await client.send(post(server))
            #expect(response.status == 200 && response.body == Array("{}".utf8))
            opened.append(response.openedConnection)
        }
        let last = try await client.send(post(server))
        await client.shutdown()
        await server.stop()

        #expect(opened == [true, false, false])
        #expect(last.headers["x-ratelimit-remaining-requests"] == "96")
        #expect(server.connectionsAccepted == 1)
        #expect(server.requests.first?.headers["x-test"] == "1")
    }

    @Test(.timeLimit(.minutes(1)))
    func refusedConnectionIsAConnectionError() async throws {
        // A port bound but not listening refuses connections, and no other test can take it
        // meanwhile (a stopped server's port could be reused by a parallel test's listener).
        let closed = try LoopbackSocket()
        defer { closed.close() }
        let request = HTTPRequest(
            url: "http://127.0.0.1:\(closed.port)/chat/completions", headers: [], body: Array("{}".utf8),
            connectTimeoutSeconds: 2, timeoutSeconds: 5)
        let client = try CurlHTTPClient(logger: LogCapture().logger())
        let error = await #expect(throws: TransportError.self) { try await client.send(request) }
        await client.shutdown()
        #expect(error?.kind == .connection)
    }

    @Test(.timeLimit(.minutes(1)))
    func sendingAfterShutdownFails() async throws {
        let client = try CurlHTTPClient(logger: LogCapture().logger())
        await client.shutdown()
        let request = HTTPRequest(
            url: "http://127.0.0.1:9/", headers: [], body: [], connectTimeoutSeconds: 1, timeoutSeconds: 1)
        let error = await #expect(throws: TransportError.self) { try await client.send(request) }
        #expect(error?.kind == .shutdown)
    }
}
