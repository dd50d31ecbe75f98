import Glibc
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
        let closed = try BoundPort()
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

/// A loopback TCP port held by a socket that is bound but never listens: connecting to it is
/// refused for as long as it is held.
private struct BoundPort {
    struct Failure: Error { var call: String }

    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(descriptor)
            throw Failure(call: "bind")
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { Glibc.close(descriptor) }
}
