import ColliderCore
import Foundation
import Logging
import Testing

@testable import ColliderLLM

/// Real requests through the client to llama.cpp's llama-server with SmolLM2-135M
/// (`cluster/local-llm.sh start`). `make test` starts the server when it can and passes its URL
/// in `COLLIDER_LLM_URL`; these tests are skipped, with that reason, when it could not.
/// `.ci/run` sets `COLLIDER_REQUIRE_LLM=1`, which turns a missing server into a failure.
@Suite(.enabled(if: LlamaServer.shouldRun, LlamaServer.skipReason), .serialized)
struct LlamaServerTests {
    @Test(.timeLimit(.minutes(2)))
    func plainCompletionParsesContentAndUsage() async throws {
        let server = try LlamaServer.require()
        let (client, transport) = try server.client()
        defer { Task { await transport.shutdown() } }
        let reply = try await client.complete(server.request("Say hello in one word.", maxTokens: 16))
        #expect(!reply.content.isEmpty)
        #expect(reply.usage.promptTokens > 0)
        #expect(reply.usage.completionTokens > 0)
        #expect(reply.attempts.count == 1)
    }

    /// llama-server enforces `response_format` with a JSON schema (local-llm.md).
    @Test(.timeLimit(.minutes(2)))
    func jsonSchemaResponseFormatIsEnforced() async throws {
        let server = try LlamaServer.require()
        let (client, transport) = try server.client()
        defer { Task { await transport.shutdown() } }
        let schema: JSONValue = .object([
            "type": .string("object"),
            "properties": .object(["fluency": .object(["type": .string("integer"), "minimum": .int(1), "maximum": .int(5)])]),
            "required": .array([.string("fluency")]),
        ])
        var request = server.request("Rate the fluency of: 'The cat sat on the mat.' Answer in JSON.", maxTokens: 32)
        request.extraBody["response_format"] = .object([
            "type": .string("json_schema"),
            "json_schema": .object(["name": .string("scores"), "schema": schema]),
        ])
        let reply = try await client.complete(request)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.content.utf8)) as? [String: Any])
        #expect(object["fluency"] is Int)
    }

    /// A prompt longer than the slot's 4,096-token context is the server's 400: a config error that
    /// carries the server's message and is not retried.
    @Test(.timeLimit(.minutes(2)))
    func promptOverTheContextIsAConfigError() async throws {
        let server = try LlamaServer.require()
        let (client, transport) = try server.client()
        defer { Task { await transport.shutdown() } }
        let long = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 1_200)
        do {
            _ = try await client.complete(server.request(long, maxTokens: 8))
            Issue.record("a prompt over the context was accepted")
        } catch {
            #expect(error.failure == .config)
            #expect(error.status == 400)
            #expect(error.message.contains("context"))
            #expect(error.attempts.count == 1)
        }
    }

    /// A server started with `--api-key` answers a wrong key with 401: a config error.
    @Test(.timeLimit(.minutes(2)))
    func wrongKeyIsAConfigError() async throws {
        let server = try LlamaServer.require()
        try #require(server.key != nil, "the server was started without COLLIDER_LLM_API_KEY")
        let (client, transport) = try server.client(key: "not-the-key")
        defer { Task { await transport.shutdown() } }
        do {
            _ = try await client.complete(server.request("Say hello.", maxTokens: 4))
            Issue.record("a wrong key was accepted")
        } catch {
            #expect(error.failure == .config)
            #expect(error.status == 401)
            #expect(!error.description.contains("not-the-key"))
        }
    }
}

/// Where the llama.cpp server is, from the environment `make test` sets.
struct LlamaServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["COLLIDER_LLM_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = environment["COLLIDER_REQUIRE_LLM"] == "1"
    static let shouldRun = url != nil || required
    static let skipReason: Comment =
        "no llama.cpp server: COLLIDER_LLM_URL is unset (cluster/local-llm.sh start could not set one up)"

    let baseURL: String
    let key: String?

    /// The server, or a failure when `COLLIDER_REQUIRE_LLM=1` and there is none.
    static func require() throws -> LlamaServer {
        let url = try #require(url, "COLLIDER_REQUIRE_LLM=1 but COLLIDER_LLM_URL is unset: the llama.cpp server did not start")
        return LlamaServer(baseURL: url, key: environment["COLLIDER_LLM_API_KEY"].flatMap { $0.isEmpty ? nil : $0 })
    }

    func client(key override: String? = nil) throws -> (OpenAIClient, CurlHTTPClient) {
        let transport = try CurlHTTPClient(logger: Logger(label: "test.curl"))
        let endpoint = EndpointConfig(
            kind: .openai, baseURL: baseURL, apiKeyEnv: "LLAMA_KEY", requestsPerMinute: 600,
            tokensPerMinute: 0, maxConcurrency: 2, prices: [:])
        let key = override ?? self.key
        let client = try OpenAIClient(
            endpoints: ["llama": endpoint], environment: key.map { ["LLAMA_KEY": $0] } ?? [:], transport: transport,
            retryPolicy: RetryPolicy(baseDelaySeconds: 0.05, maxDelaySeconds: 0.2),
            ledger: CostLedger(), logger: Logger(label: "test.llm"), jitterSeed: 1)
        return (client, transport)
    }

    func request(_ prompt: String, maxTokens: Int) -> LLMRequest {
        LLMRequest(
            role: .task, callKey: UUID().uuidString, taskID: "llama", endpoint: "llama", model: "smollm2-135m",
            prompt: prompt, temperature: 0.1, maxTokens: maxTokens, timeoutSeconds: 90, connectTimeoutSeconds: 5)
    }
}
