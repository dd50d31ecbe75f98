import ColliderCore
import Logging

@testable import ColliderLLM

/// A loopback server, a real `CurlHTTPClient` and an `OpenAIClient` on endpoint "local", torn down
/// together.
struct ClientFixture {
    static let key = "sk-loopback-7f3a9c1e5b"

    let server: LoopbackHTTPServer
    let transport: CurlHTTPClient
    let client: OpenAIClient
    let ledger = CostLedger()
    let logs = LogCapture()

    init(
        retry: RetryPolicy = RetryPolicy(baseDelaySeconds: 0.01, maxDelaySeconds: 0.05),
        maxConcurrency: Int = 8, maxConnectionsPerHost: Int = 8,
        handler: @escaping @Sendable (RecordedRequest, Int) -> ScriptedResponse
    ) throws {
        server = try LoopbackHTTPServer(handler: handler)
        transport = try CurlHTTPClient(maxConnectionsPerHost: maxConnectionsPerHost, logger: logs.logger(label: "curl"))
        let endpoint = EndpointConfig(
            kind: .openai, baseURL: server.baseURL, apiKeyEnv: "LOOPBACK_KEY", requestsPerMinute: 6000,
            tokensPerMinute: 0, maxConcurrency: maxConcurrency,
            prices: ["tiny": Price(input: 1, cachedInput: 0.25, output: 4)])
        client = try OpenAIClient(
            endpoints: ["local": endpoint], environment: ["LOOPBACK_KEY": Self.key], transport: transport,
            retryPolicy: retry, ledger: ledger, logger: logs.logger(label: "llm"), jitterSeed: 1)
    }

    func request(
        _ prompt: String = "Rate this summary.", callKey: String = "call-1", timeout: Double = 10
    ) -> LLMRequest {
        LLMRequest(
            role: .task, callKey: callKey, taskID: "task-a", endpoint: "local", model: "tiny", prompt: prompt,
            temperature: 0.1, maxTokens: 64, seed: 3, extraBody: ["thinking": .object(["type": .string("disabled")])],
            timeoutSeconds: timeout, connectTimeoutSeconds: 2)
    }

    func shutdown() async {
        await transport.shutdown()
        await server.stop()
    }

    /// A chat-completions success body.
    static func completion(_ content: String, prompt: Int = 20, completion: Int = 5, cached: Int = 0) -> String {
        """
        {"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",\
        "content":\(String(reflecting: content))},"finish_reason":"stop"}],"usage":{"prompt_tokens":\(prompt),\
        "completion_tokens":\(completion),"total_tokens":\(prompt + completion),\
        "prompt_tokens_details":{"cached_tokens":\(cached)}}}
        """
    }
}
