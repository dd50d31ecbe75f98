import ColliderCoordinator
import ColliderTransport
import Foundation

extension CoordinatorService {
    /// RATE_REQ: a reported 429 goes to the fleet budget first (it pauses the holders and cuts
    /// the rate), then the request itself; the budget's answers go out as RATE_GRANT and
    /// RATE_PAUSE. The decisions are `FleetBudget`'s; this only routes them.
    func receiveRate(_ request: RateRequest, from worker: WorkerID, now: Date) async throws {
        let reported: [BudgetEvent] =
            (request.rateLimited ?? 0) > 0
            ? [.report429(endpoint: request.endpoint, retryAfter: request.retryAfterSeconds, now: now)] : []
        let events =
            reported + [
                .rateRequest(worker, endpoint: request.endpoint, requests: request.requests, tokens: request.tokens, now: now)
            ]
        let actions = try await core.with { core in events.flatMap { core.handle($0) } }
        for action in actions {
            switch action {
            case .grant(let worker, let grant):
                let seconds = max(0, grant.expiresAt.timeIntervalSince(now))
                await send(
                    .rateGrant(
                        ColliderTransport.RateGrant(
                            endpoint: grant.endpoint, requests: grant.requests, tokens: grant.tokens,
                            validUntil: grant.expiresAt.timeIntervalSince1970, seconds: seconds)),
                    to: PeerID(worker.rawValue))
            case .pause(let endpoint, let until, let holders):
                let pause = RatePause(endpoint: endpoint, untilSeconds: max(0, until.timeIntervalSince(now)))
                for holder in holders { await send(.ratePause(pause), to: PeerID(holder.rawValue)) }
            case .unknownEndpoint(let worker, let endpoint):
                logger.warning(
                    "rate request for an endpoint the sweep does not have; the worker falls back to a local share",
                    metadata: ["worker": "\(worker)", "endpoint": "\(endpoint)"])
            }
        }
    }
}
