import ColliderCore
import ColliderLLM
import ColliderTransport
import Logging

/// The shell around each endpoint's `EndpointRateState`: reads the clock and the gates' activity,
/// applies grants and pauses to the gates, and hands back the RATE_REQs the worker must send.
/// Endpoints without any limit are not attached: their local buckets are unlimited anyway.
/// `Worker` owns one; `collider bench fleet` drives several over real sockets.
public actor FleetRateAgent {
    private struct Attached {
        var state: EndpointRateState
        var gate: EndpointGate
    }

    private var endpoints: [String: Attached] = [:]
    private let origin = ContinuousClock.now
    private let logger: Logger

    /// An agent with no endpoints attached yet.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// The capacity source of a worker's LLM client: fleet grants for every limited endpoint,
    /// banking as much as its local buckets would.
    public static let capacity: CapacityProvider = { _, settings in
        guard settings.requestsPerMinute > 0 || settings.tokensPerMinute > 0 else { return nil }
        return GrantedCapacity(
            limitsRequests: settings.requestsPerMinute > 0, limitsTokens: settings.tokensPerMinute > 0,
            burstSeconds: settings.burstSeconds)
    }

    /// Takes over the gates of `client`'s limited endpoints (replacing those of an earlier
    /// client with the same endpoint names).
    public func attach(_ client: OpenAIClient, endpoints configs: [String: EndpointConfig], options: FleetRateOptions) {
        for name in client.endpointNames {
            guard let config = configs[name], config.requestsPerMinute > 0 || config.tokensPerMinute > 0,
                let gate = client.gate(for: name)
            else { continue }
            endpoints[name] = Attached(
                state: EndpointRateState(
                    endpoint: name, requestsPerMinute: config.requestsPerMinute,
                    tokensPerMinute: config.tokensPerMinute, options: options),
                gate: gate)
        }
    }

    /// One look at every gate; returns the RATE_REQs to send.
    public func tick() async -> [Message] {
        var messages: [Message] = []
        for name in endpoints.keys.sorted() {
            guard let gate = endpoints[name]?.gate else { continue }
            let activity = await gate.takeActivity()
            guard let wasFallingBack = endpoints[name]?.state.fallingBack,
                let steps = endpoints[name]?.state.tick(now: seconds, activity: activity)
            else { continue }
            if endpoints[name]?.state.fallingBack == true && !wasFallingBack {
                logger.warning(
                    "no rate grant from the coordinator in time, using a local share", metadata: ["endpoint": "\(name)"])
            }
            messages += await apply(steps, to: gate)
        }
        return messages
    }

    /// A RATE_GRANT arrived.
    public func received(_ grant: ColliderTransport.RateGrant) async {
        guard let gate = endpoints[grant.endpoint]?.gate,
            let steps = endpoints[grant.endpoint]?.state.received(
                requests: grant.requests, tokens: grant.tokens, seconds: grant.seconds ?? 2, now: seconds)
        else { return }
        _ = await apply(steps, to: gate)
    }

    /// A RATE_PAUSE arrived.
    public func paused(_ pause: RatePause) async {
        guard let gate = endpoints[pause.endpoint]?.gate,
            let steps = endpoints[pause.endpoint]?.state.paused(seconds: pause.untilSeconds, now: seconds)
        else { return }
        logger.notice("fleet paused by a 429", metadata: ["endpoint": "\(pause.endpoint)", "seconds": "\(pause.untilSeconds)"])
        _ = await apply(steps, to: gate)
    }

    private var seconds: Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    private func apply(_ steps: [EndpointRateState.Step], to gate: EndpointGate) async -> [Message] {
        var messages: [Message] = []
        for step in steps {
            switch step {
            case .ask(let request):
                messages.append(.rateRequest(request))
            case .grant(let requests, let tokens, let seconds):
                await gate.grant(requests: requests, tokens: tokens, until: .now + .seconds(seconds))
            case .pause(let seconds):
                await gate.pause(until: .now + .seconds(seconds))
            }
        }
        return messages
    }
}
