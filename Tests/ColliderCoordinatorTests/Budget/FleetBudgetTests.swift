import Foundation
import Testing

@testable import ColliderCoordinator

struct FleetBudgetTests {
    static let limits = ["sim": EndpointLimits(requestsPerMinute: 120, tokensPerMinute: 60_000)]

    struct Given {
        var at: Double
        var requests: Int
        var tokens: Int
    }

    static func grants(_ actions: [BudgetAction]) -> [RateGrant] {
        actions.compactMap { if case .grant(_, let grant) = $0 { grant } else { nil } }
    }

    @Test func grantsNeverExceedTheLimitOverAnyMinute() {
        var budget = FleetBudget(limits: Self.limits)
        var given: [Given] = []
        // Eight greedy workers ask every quarter second for three minutes.
        for quarter in 0..<(4 * 180) {
            let now = Double(quarter) / 4
            for worker in 0..<8 {
                let actions = budget.handle(
                    .rateRequest(WorkerID("w\(worker)"), endpoint: "sim", requests: 5, tokens: 2_500, now: at(now)))
                for grant in Self.grants(actions) where grant.requests > 0 {
                    #expect(grant.expiresAt.timeIntervalSince(at(now)) >= 1)
                    #expect(grant.expiresAt.timeIntervalSince(at(now)) <= 5)
                    given.append(Given(at: now, requests: grant.requests, tokens: grant.tokens))
                }
            }
        }
        for end in given.map(\.at) {
            let window = given.filter { $0.at > end - 60 && $0.at <= end }
            #expect(window.reduce(0) { $0 + $1.requests } <= 120)
            #expect(window.reduce(0) { $0 + $1.tokens } <= 60_000)
        }
        // Short grants still use the budget: the last minute got at least 90 % of the tokens.
        let lastMinute = given.filter { $0.at > 120 }
        #expect(lastMinute.reduce(0) { $0 + $1.tokens } >= 54_000)
    }

    @Test func a429HalvesTheRateOncePerBurstAndPausesEveryone() {
        var budget = FleetBudget(limits: Self.limits)
        #expect(budget.handle(.report429(endpoint: "sim", retryAfter: 3, now: at(0))) == [.pause(endpoint: "sim", until: at(3))])
        #expect(budget.rateFactor("sim") == 0.5)
        // The rest of the burst: no further cut, and a longer Retry-After only lengthens the pause.
        #expect(budget.handle(.report429(endpoint: "sim", retryAfter: nil, now: at(1))).isEmpty)
        #expect(budget.handle(.report429(endpoint: "sim", retryAfter: 4, now: at(1.5))) == [.pause(endpoint: "sim", until: at(5.5))])
        #expect(budget.rateFactor("sim") == 0.5)
        let paused = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 1, tokens: 100, now: at(2))))
        #expect(paused == [RateGrant(endpoint: "sim", requests: 0, tokens: 0, expiresAt: at(5.5))])
        // A 429 after the pause is a new burst.
        #expect(budget.handle(.report429(endpoint: "sim", retryAfter: 1, now: at(6))) == [.pause(endpoint: "sim", until: at(7))])
        #expect(budget.rateFactor("sim") == 0.25)
    }

    @Test func theRateRecoversAdditivelyAfterThePause() {
        var budget = FleetBudget(
            limits: Self.limits, policy: FleetBudgetPolicy(recoveryStep: 0.1, recoveryInterval: 10))
        _ = budget.handle(.report429(endpoint: "sim", retryAfter: 5, now: at(0)))
        for (second, factor) in [(5.0, 0.5), (14.9, 0.5), (15, 0.6), (35, 0.8), (55, 1.0), (500, 1.0)] {
            _ = budget.handle(.tick(now: at(second)))
            #expect(abs(budget.rateFactor("sim")! - factor) < 1e-9, "at \(second) s")
        }
    }

    @Test func aReducedRateShrinksGrants() {
        var budget = FleetBudget(limits: Self.limits)
        let full = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 100, tokens: 100, now: at(0))))
        #expect(full.map(\.requests) == [4])  // 2 s of 120/min
        _ = budget.handle(.report429(endpoint: "sim", retryAfter: 1, now: at(10)))
        let half = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 100, tokens: 100, now: at(11))))
        #expect(half.map(\.requests) == [2])
    }

    @Test func grantsOfAVanishedWorkerAreReclaimedAfterExpiry() {
        var budget = FleetBudget(limits: Self.limits)
        let taken = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 10, tokens: 100, now: at(0))))
        #expect(taken.map(\.requests) == [4])
        // w1 disappears holding the grant; w2 must wait for it to expire, not longer.
        let waiting = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 10, tokens: 100, now: at(1))))
        #expect(waiting == [RateGrant(endpoint: "sim", requests: 0, tokens: 0, expiresAt: at(2))])
        let reclaimed = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 10, tokens: 100, now: at(2))))
        #expect(reclaimed.map(\.requests) == [4])
    }

    @Test func anUnknownEndpointIsRefused() {
        var budget = FleetBudget(limits: Self.limits)
        #expect(budget.handle(.rateRequest(w1, endpoint: "nope", requests: 1, tokens: 1, now: at(0))) == [.unknownEndpoint(w1, endpoint: "nope")])
    }
}
