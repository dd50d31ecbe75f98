import ColliderCore
import Foundation
import Logging

/// A sweep's endpoint configuration could not be turned into a client.
public struct ClientSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint's name in the sweep config.
    public var endpoint: String
    /// What is wrong with it; never a key value.
    public var message: String

    public var description: String { "endpoint '\(endpoint)': \(message)" }
}

/// Chooses an endpoint's `CapacitySource` from its name and limits; nil keeps local buckets.
public typealias CapacityProvider = @Sendable (_ endpoint: String, _ settings: RateLimitSettings) -> (any CapacitySource)?

/// The `LLM` for OpenAI-compatible chat-completions APIs: `POST {base_url}/chat/completions` over
/// `CurlHTTPClient`, through each endpoint's `EndpointGate`, with `RetryPolicy` retries, every
/// attempt priced and recorded in the `CostLedger`.
public final class OpenAIClient: LLM {
    /// One endpoint's runtime: its configuration, key and rate gate.
    struct Endpoint: Sendable {
        var config: EndpointConfig
        var key: Secret?
        var gate: EndpointGate
    }

    let endpoints: [String: Endpoint]
    let transport: CurlHTTPClient
    let retryPolicy: RetryPolicy
    let ledger: CostLedger
    let logger: Logger
    private let jitterSeed: UInt64?

    /// A client for `endpoints` (by name). Each key is read from the environment variable its
    /// endpoint names, nowhere else.
    /// - Parameter jitterSeed: seeds backoff jitter, for reproducible tests; random when nil.
    /// - Parameter capacity: where each endpoint's rate capacity comes from (by endpoint name and
    ///   limits); nil, or a nil answer, means local token buckets at the configured limits.
    public init(
        endpoints: [String: EndpointConfig], environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: CurlHTTPClient, retryPolicy: RetryPolicy = RetryPolicy(), ledger: CostLedger = CostLedger(),
        logger: Logger, jitterSeed: UInt64? = nil, capacity: CapacityProvider? = nil
    ) throws(ClientSetupError) {
        var runtimes: [String: Endpoint] = [:]
        for (name, config) in endpoints {
            var key: Secret?
            if let variable = config.apiKeyEnv {
                key = Secret.fromEnvironment(variable, in: environment)
                guard key != nil else {
                    throw ClientSetupError(endpoint: name, message: "environment variable \(variable) is not set")
                }
            }
            let settings = RateLimitSettings(config)
            let limiter = RateLimiter(settings: settings, source: capacity?(name, settings))
            runtimes[name] = Endpoint(config: config, key: key, gate: EndpointGate(limiter: limiter))
        }
        self.endpoints = runtimes
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.ledger = ledger
        self.logger = logger
        self.jitterSeed = jitterSeed
    }

    /// The names of the configured endpoints.
    public var endpointNames: [String] { endpoints.keys.sorted() }

    /// The rate gate of endpoint `name`, for fleet grants and status.
    public func gate(for name: String) -> EndpointGate? {
        endpoints[name]?.gate
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply {
        guard let endpoint = endpoints[request.endpoint] else {
            throw LLMError(.config, "no endpoint named '\(request.endpoint)' is configured", request: request)
        }
        let http = try httpRequest(for: request, endpoint: endpoint)
        var machine = RetryMachine(
            policy: retryPolicy, generator: SplitMix64(state: jitterSeed ?? .random(in: .min ... .max)))
        var attempts: [AttemptRecord] = []
        let started = ContinuousClock.now
        while true {
            guard let permit = await endpoint.gate.acquire(estimate: request.estimatedTokens) else {
                throw LLMError(
                    .cancelled, "cancelled while waiting for the rate limiter", request: request, attempts: attempts)
            }
            let (record, outcome) = await attempt(http, request: request, endpoint: endpoint, permit: permit)
            attempts.append(record)
            let failure: AttemptFailure
            switch outcome {
            case .success(let content, let finishReason, let usage):
                return LLMReply(
                    content: content, finishReason: finishReason, usage: usage, attempts: attempts,
                    costUSD: attempts.reduce(0) { $0 + $1.dollars },
                    latencySeconds: (ContinuousClock.now - started).seconds)
            case .failure(let attemptFailure):
                failure = attemptFailure
            }
            switch machine.next(after: failure) {
            case .stop(let reason):
                throw LLMError(
                    failure.failure, "\(failure.message) (\(reason))", request: request,
                    status: failure.status, attempts: attempts)
            case .retry(let delay):
                logger.debug(
                    "retrying LLM call",
                    metadata: metadata(request, ["delay_s": "\(delay)", "class": "\(failure.failure)"]))
                do {
                    try await Task.sleep(for: .seconds(delay))
                } catch {
                    throw LLMError(.cancelled, "cancelled during backoff", request: request, attempts: attempts)
                }
            }
        }
    }

    /// The HTTP request for `request`; the key goes into the `Authorization` header and nowhere else.
    private func httpRequest(for request: LLMRequest, endpoint: Endpoint) throws(LLMError) -> HTTPRequest {
        guard let baseURL = endpoint.config.baseURL, !baseURL.isEmpty else {
            throw LLMError(.config, "the endpoint has no base_url", request: request)
        }
        let body: Data
        do {
            body = try CanonicalJSON.encode(value: request.body)
        } catch {
            throw LLMError(.config, "the request body cannot be encoded as JSON: \(error)", request: request)
        }
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("X-Collider-Role", request.role.rawValue),
            ("X-Collider-Call", request.callKey),
        ]
        if let key = endpoint.key {
            key.withValue { headers.append(("Authorization", "Bearer \($0)")) }
        }
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return HTTPRequest(
            url: trimmed + "/chat/completions", headers: headers, body: Array(body),
            connectTimeoutSeconds: request.connectTimeoutSeconds, timeoutSeconds: request.timeoutSeconds)
    }

    func metadata(_ request: LLMRequest, _ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "endpoint": "\(request.endpoint)", "role": "\(request.role.rawValue)", "call": "\(request.callKey)",
        ]
        metadata.merge(extra) { _, new in new }
        return metadata
    }
}
