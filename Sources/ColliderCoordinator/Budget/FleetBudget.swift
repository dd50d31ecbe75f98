import ColliderCore
import Foundation

/// The fleet's rate budget as a value-type state machine: one budget per endpoint shared by
/// every worker, handed out as short grants of a share of the endpoint's rate (RATE_REQ →
/// RATE_GRANT, an equal split among the workers asking, the live shares never summing past the
/// limit), cut in half and paused for everyone on a 429 (RATE_PAUSE), recovering additively
/// afterwards. No clock inside: every event carries `now`.
public struct FleetBudget: Sendable {
    /// Grant length, decrease, pause and recovery.
    public let policy: FleetBudgetPolicy
    private var endpoints: [String: EndpointBudget]

    /// A budget for these endpoints' limits.
    public init(limits: [String: EndpointLimits], policy: FleetBudgetPolicy = FleetBudgetPolicy()) {
        self.policy = policy
        endpoints = Dictionary(
            uniqueKeysWithValues: limits.map { ($0.key, EndpointBudget(name: $0.key, limits: $0.value, policy: policy)) })
    }

    /// A budget for the endpoints of a sweep config.
    public init(config: SweepConfig, policy: FleetBudgetPolicy = FleetBudgetPolicy()) {
        self.init(
            limits: config.endpoints.mapValues {
                EndpointLimits(requestsPerMinute: $0.requestsPerMinute, tokensPerMinute: $0.tokensPerMinute)
            },
            policy: policy)
    }

    /// Feeds one event; returns what to send.
    public mutating func handle(_ event: BudgetEvent) -> [BudgetAction] {
        switch event {
        case .rateRequest(let worker, let endpoint, let requests, let tokens, let now):
            guard var budget = endpoints[endpoint] else { return [.unknownEndpoint(worker, endpoint: endpoint)] }
            let grant = budget.grant(to: worker, requests: requests, tokens: tokens, now: now)
            endpoints[endpoint] = budget
            return [.grant(worker, grant)]
        case .report429(let endpoint, let retryAfter, let now):
            guard let until = endpoints[endpoint]?.report429(retryAfter: retryAfter, now: now),
                let holders = endpoints[endpoint]?.askers(now: now)
            else { return [] }
            return [.pause(endpoint: endpoint, until: until, holders: holders)]
        case .tick(let now):
            for name in endpoints.keys { endpoints[name]?.advance(to: now) }
            return []
        }
    }

    /// The fraction of its limits an endpoint runs at (1 until a 429), nil for an unknown endpoint.
    public func rateFactor(_ endpoint: String) -> Double? {
        endpoints[endpoint]?.factor
    }

    /// The share of an endpoint's current rate its live grants hold (at most 1), nil for an
    /// unknown endpoint.
    public func liveShare(_ endpoint: String, now: Date) -> Double? {
        endpoints[endpoint]?.liveShare(now: now)
    }

    /// The workers holding or asking for an endpoint's capacity, by id.
    public func askers(_ endpoint: String, now: Date) -> [WorkerID] {
        endpoints[endpoint]?.askers(now: now) ?? []
    }

    /// When the endpoint's current pause ends, nil when it never paused.
    public func pausedUntil(_ endpoint: String) -> Date? {
        endpoints[endpoint]?.pausedUntil
    }
}
