import ColliderCore
import Foundation
import Testing

@testable import ColliderLLM

/// The client against a real loopback HTTP server, through libcurl.
struct OpenAIClientTests {
    @Test(.timeLimit(.minutes(1)))
    func successParsesUsageAndSendsHeadersAndBody() async throws {
        let fixture = try ClientFixture { _, _ in
            ScriptedResponse(
                status: 200,
                body: ClientFixture.completion("{\"coherence\": 4}", prompt: 1000, completion: 10, cached: 400))
        }
        let reply = try await fixture.client.complete(fixture.request())
        await fixture.shutdown()

        #expect(reply.content == #"{"coherence": 4}"#)
        #expect(reply.finishReason == "stop")
        #expect(reply.usage == Usage(promptTokens: 1000, completionTokens: 10, cachedTokens: 400))
        let dollars: Double = (600.0 + 400.0 * 0.25 + 40.0) / 1_000_000
        #expect(abs(reply.costUSD - dollars) < 1e-12)
        #expect(reply.attempts.count == 1 && reply.attempts[0].status == 200 && reply.attempts[0].failure == nil)
        #expect(fixture.ledger.snapshot.byTask["task-a"]?.attempts == 1)

        let sent = try #require(fixture.server.requests.first)
        #expect(sent.method == "POST" && sent.path == "/v1/chat/completions")
        #expect(sent.headers["authorization"] == "Bearer \(ClientFixture.key)")
        #expect(sent.headers["x-collider-role"] == "task")
        #expect(sent.headers["x-collider-call"] == "call-1")
        #expect(sent.headers["content-type"] == "application/json")
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(sent.body.utf8))
        #expect(
            body
                == .object([
                    "model": .string("tiny"),
                    "messages": .array([.object(["role": .string("user"), "content": .string("Rate this summary.")])]),
                    "temperature": .double(0.1), "max_tokens": .int(64), "seed": .int(3),
                    "thinking": .object(["type": .string("disabled")]),
                ]))
    }

    @Test(.timeLimit(.minutes(1)))
    func rateLimitWithRetryAfterThenSuccess() async throws {
        let fixture = try ClientFixture { _, index in
            index == 0
                ? ScriptedResponse(
                    status: 429, headers: [("Retry-After", "1")], body: #"{"error":{"message":"rate limited"}}"#)
                : ScriptedResponse(status: 200, body: ClientFixture.completion("ok"))
        }
        let started = ContinuousClock.now
        let reply = try await fixture.client.complete(fixture.request())
        let elapsed = ContinuousClock.now - started
        let gate = try #require(fixture.client.gate(for: "local"))
        let limiter = await gate.state
        await fixture.shutdown()

        #expect(reply.content == "ok")
        #expect(reply.attempts.map(\.status) == [429, 200])
        #expect(reply.attempts[0].failure == .infra && reply.attempts[0].message == "rate limited")
        #expect(elapsed >= .seconds(1))
        #expect(limiter.cuts == 1 && limiter.rateFactor < 1)
        #expect(fixture.ledger.snapshot.total.attempts == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func badRequestFailsFastWithTheServerMessage() async throws {
        let fixture = try ClientFixture { _, _ in
            ScriptedResponse(
                status: 400, body: #"{"error":{"message":"max_tokens is too large","type":"invalid_request_error"}}"#)
        }
        let error = await #expect(throws: LLMError.self) { try await fixture.client.complete(fixture.request()) }
        let requests = fixture.server.requests.count
        await fixture.shutdown()

        #expect(error?.failure == .config)
        #expect(error?.status == 400)
        #expect(error?.message.contains("max_tokens is too large") == true)
        #expect(error?.attempts.count == 1)
        #expect(error?.description.contains("endpoint 'local'") == true)
        #expect(requests == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func serverErrorsAreRetriedUpToTheCap() async throws {
        let fixture = try ClientFixture(retry: RetryPolicy(maxAttempts: 4, baseDelaySeconds: 0.01)) { _, index in
            ScriptedResponse(status: 500, body: #"{"error":{"message":"overloaded (\#(index))"}}"#)
        }
        let error = await #expect(throws: LLMError.self) { try await fixture.client.complete(fixture.request()) }
        let requests = fixture.server.requests.count
        await fixture.shutdown()

        #expect(error?.failure == .infra)
        #expect(error?.attempts.map(\.status) == [500, 500, 500, 500])
        #expect(error?.message.contains("gave up after 4 attempts") == true)
        #expect(requests == 4)
    }

    @Test(.timeLimit(.minutes(1)))
    func identicalServerErrorsStopEarly() async throws {
        let fixture = try ClientFixture { _, _ in
            ScriptedResponse(status: 500, body: #"{"error":{"message":"model crashed"}}"#)
        }
        let error = await #expect(throws: LLMError.self) { try await fixture.client.complete(fixture.request()) }
        await fixture.shutdown()
        #expect(error?.attempts.count == 3)
    }

    @Test(.timeLimit(.minutes(1)))
    func timeoutIsAnInfraError() async throws {
        let fixture = try ClientFixture(retry: RetryPolicy(maxAttempts: 2, baseDelaySeconds: 0.01)) { _, _ in
            ScriptedResponse(status: 200, body: ClientFixture.completion("late"), delaySeconds: 5)
        }
        // The server answers after 5 s; a call that did not time out would succeed with "late".
        let error = await #expect(throws: LLMError.self) {
            try await fixture.client.complete(fixture.request(timeout: 0.3))
        }
        await fixture.shutdown()

        #expect(error?.failure == .infra)
        #expect(error?.attempts.count == 2)
        #expect(error?.attempts.allSatisfy { $0.status == nil } == true)
        #expect(error?.message.contains("timeout") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingAnInFlightCallReturnsPromptly() async throws {
        let fixture = try ClientFixture { _, _ in
            ScriptedResponse(status: 200, body: ClientFixture.completion("never"), delaySeconds: 30)
        }
        let client = fixture.client
        let request = fixture.request(timeout: 50)
        let call = Task { try await client.complete(request) }
        var arrivals = fixture.server.arrivals.makeAsyncIterator()
        _ = await arrivals.next()
        let cancelled = ContinuousClock.now
        call.cancel()
        let result = await call.result
        let elapsed = ContinuousClock.now - cancelled
        await fixture.shutdown()

        guard case .failure(let error as LLMError) = result else {
            Issue.record("a cancelled call must fail")
            return
        }
        #expect(error.failure == .cancelled)
        // The server holds the reply for 30 s: returning well before it proves the transfer was
        // removed, with a margin wide enough for a loaded 2-core machine.
        #expect(elapsed < .seconds(15))
    }

    @Test(.timeLimit(.minutes(1)))
    func fiftyConcurrentCallsReuseConnections() async throws {
        let fixture = try ClientFixture(maxConcurrency: 8, maxConnectionsPerHost: 8) { request, _ in
            ScriptedResponse(
                status: 200, body: ClientFixture.completion("echo \(request.headers["x-collider-call"] ?? "")"),
                delaySeconds: 0.02)
        }
        let client = fixture.client
        let requests = (0..<50).map { fixture.request(callKey: "call-\($0)") }
        let replies = try await withThrowingTaskGroup(of: (String, String).self) { group in
            for request in requests {
                group.addTask { (request.callKey, try await client.complete(request).content) }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let connections = fixture.server.connectionsAccepted
        await fixture.shutdown()

        #expect(replies.count == 50)
        #expect(replies.allSatisfy { $0.value == "echo \($0.key)" })
        #expect(connections <= 8)
        #expect(fixture.ledger.snapshot.total.attempts == 50)
    }
}
