import ColliderCore
import ColliderLLM
import Foundation
import Logging
import SimProvider

/// The `LLM` of a sweep and everything behind it: one `OpenAIClient` over all endpoints, its
/// libcurl transport, its cost ledger and any simulated provider started for it.
///
/// Call `shutdown()` when done: it stops the transport thread and the simulated providers.
public struct ProvisionedLLM: Sendable {
    /// Answers every call of the sweep.
    public let client: OpenAIClient
    /// Every attempt's tokens and dollars.
    public let ledger: CostLedger
    /// The endpoints as the client uses them: `sim` endpoints point at the started provider.
    public let endpoints: [String: EndpointConfig]
    let transport: CurlHTTPClient
    let simulator: RunningSimProvider?

    /// Stops the transport and the simulated provider, if one was started.
    public func shutdown() async {
        await transport.shutdown()
        try? await simulator?.stop()
    }
}

/// Builds the `LLM` for a sweep config (architecture.md, "Rate limits, retries, cost").
public enum LLMProvisioner {
    /// One client over `endpoints`. When a `kind: sim` endpoint has no `base_url`, one in-process
    /// simulated provider is started on 127.0.0.1 (a free port) and every such endpoint points at
    /// it. Keys are read from `environment`. `capacity` chooses where each endpoint's rate capacity
    /// comes from: nil (a single process) keeps local buckets at the configured limits; a worker
    /// passes grants of the coordinator's fleet budget.
    public static func provision(
        endpoints: [String: EndpointConfig], environment: [String: String], logger: Logger,
        capacity: CapacityProvider? = nil
    ) async throws -> ProvisionedLLM {
        var effective = endpoints
        var simulator: RunningSimProvider?
        if endpoints.values.contains(where: { $0.kind == .sim && $0.baseURL == nil }) {
            let started = try await SimProvider.start(SimProvider.Options(), logger: logger)
            simulator = started
            effective = pointingSimulated(endpoints, at: started.baseURL)
        }
        do {
            let transport = try CurlHTTPClient(logger: logger)
            let ledger = CostLedger()
            let client = try OpenAIClient(
                endpoints: effective, environment: environment, transport: transport, ledger: ledger, logger: logger,
                capacity: capacity)
            return ProvisionedLLM(
                client: client, ledger: ledger, endpoints: effective, transport: transport, simulator: simulator)
        } catch {
            try? await simulator?.stop()
            throw error
        }
    }

    /// `endpoints` with every `kind: sim` endpoint that has no `base_url` pointed at `baseURL`.
    public static func pointingSimulated(_ endpoints: [String: EndpointConfig], at baseURL: String)
        -> [String: EndpointConfig]
    {
        endpoints.mapValues { endpoint in
            guard endpoint.kind == .sim, endpoint.baseURL == nil else { return endpoint }
            var pointed = endpoint
            pointed.baseURL = baseURL
            return pointed
        }
    }
}
