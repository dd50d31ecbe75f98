import Foundation
import Testing

@testable import ColliderCoordinator

struct FleetBudgetTests {
    static let limits = ["sim": EndpointLimits(requestsPerMinute: 120, tokensPerMinute: 60_000)]

    /// A grant as the test sees it: who holds it, from when, at what rates.
    struct Held {
        var worker: WorkerID
        var from: Double
        var until: Double
        var requests: Int
        var tokens: Int
        var requestsPerSecond: Double { Double(requests) / (until - from) }
        var tokensPerSecond: Double { Double(tokens) / (until - from) }
    }

    static func grants(_ actions: [BudgetAction]) -> [RateGrant] {
        actions.compactMap { if case .grant(_, let grant) = $0 { grant } else { nil } }
    }

    static func seconds(_ date: Date) -> Double { date.timeIntervalSince(at(0)) }

    /// Each worker's latest grant replaces its previous one; the live ones are those not expired.
    static func live(_ held: [WorkerID: Held], at now: Double) -> [Held] {
        held.values.filter { $0.until > now && $0.requests > 0 }
    }

    @Test func liveGrantsNeverSumPastTheLimitAndUseMostOfIt() {
        var budget = FleetBudget(limits: Self.limits)
        var held: [WorkerID: Held] = [:]
        var late: [Double] = []
        // Eight greedy workers, each asking again at its own pace (every 0.25–2 s), for three minutes.
        for quarter in 0..<(4 * 180) {
            let now = Double(quarter) / 4
            for index in 0..<8 where quarter % (1 + index % 8) == 0 {
                let worker = WorkerID("w\(index)")
                let actions = budget.handle(
                    .rateRequest(worker, endpoint: "sim", requests: 50, tokens: 25_000, now: at(now)))
                for grant in Self.grants(actions) {
                    #expect(Self.seconds(grant.expiresAt) > now)
                    #expect(Self.seconds(grant.expiresAt) - now <= 60)
                    held[worker] = Held(
                        worker: worker, from: now, until: Self.seconds(grant.expiresAt), requests: grant.requests,
                        tokens: grant.tokens)
                }
                let live = Self.live(held, at: now)
                #expect(live.reduce(0) { $0 + $1.requestsPerSecond } <= 2 + 1e-9, "requests/s at \(now)")
                #expect(live.reduce(0) { $0 + $1.tokensPerSecond } <= 1_000 + 1e-9, "tokens/s at \(now)")
            }
            if now >= 60 { late.append(Self.live(held, at: now).reduce(0) { $0 + $1.requestsPerSecond }) }
        }
        // Short grants still use the budget: on average at least 90 % of the rate is granted.
        #expect(late.reduce(0, +) / Double(late.count) >= 1.8)
    }

    @Test(arguments: [2, 3, 4, 8])
    func workersAskingAlikeGetEqualShares(workers: Int) {
        var budget = FleetBudget(limits: ["sim": EndpointLimits(requestsPerMinute: 6_000, tokensPerMinute: 0)])
        var last: [WorkerID: Held] = [:]
        for half in 0..<40 {
            let now = Double(half) / 2
            for index in 0..<workers {
                let worker = WorkerID("w\(index)")
                for grant in Self.grants(
                    budget.handle(.rateRequest(worker, endpoint: "sim", requests: 200, tokens: 0, now: at(now))))
                {
                    last[worker] = Held(
                        worker: worker, from: now, until: Self.seconds(grant.expiresAt), requests: grant.requests,
                        tokens: grant.tokens)
                }
            }
        }
        // After a few rounds every worker holds 100/s ÷ workers.
        #expect(last.count == workers)
        for grant in last.values {
            #expect(abs(grant.requestsPerSecond - 100 / Double(workers)) < 1e-6, "\(grant)")
        }
    }

    @Test func aWorkerAskingForLittleLeavesTheRestToOthers() {
        var budget = FleetBudget(limits: ["sim": EndpointLimits(requestsPerMinute: 6_000, tokensPerMinute: 0)])
        let small = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 20, tokens: 0, now: at(0))))
        #expect(small.map(\.requests) == [20])  // 10/s of 100/s
        let big = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 1_000, tokens: 0, now: at(0.1))))
        #expect(big.map(\.requests) == [180])  // what w1 leaves, more than the equal half
        #expect(abs(budget.liveShare("sim", now: at(0.1))! - 1) < 1e-9)
        // w1 asks for more: it gets its equal half once w2's grant is renewed at half.
        _ = budget.handle(.rateRequest(w1, endpoint: "sim", requests: 1_000, tokens: 0, now: at(1)))
        let renewed = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 1_000, tokens: 0, now: at(1.1))))
        #expect(renewed.map(\.requests) == [100])
        let grown = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 1_000, tokens: 0, now: at(1.2))))
        #expect(grown.map(\.requests) == [100])
    }

    @Test func aLowLimitSplitManyWaysStillGrantsWholeRequests() {
        var budget = FleetBudget(limits: ["sim": EndpointLimits(requestsPerMinute: 3, tokensPerMinute: 0)])
        var granted: [RateGrant] = []
        for round in [0.0, 1] {
            granted = []
            for index in 0..<8 {
                granted += Self.grants(
                    budget.handle(
                        .rateRequest(WorkerID("w\(index)"), endpoint: "sim", requests: 5, tokens: 0, now: at(round))))
            }
        }
        // Once all eight have asked: one request a minute each for three workers; the others wait.
        #expect(granted.filter { $0.requests > 0 }.count == 3)
        #expect(granted.filter { $0.requests > 0 }.allSatisfy { $0.requests == 1 && abs(Self.seconds($0.expiresAt) - 61) < 1e-6 })
        #expect(budget.liveShare("sim", now: at(1))! <= 1 + 1e-9)
    }

    @Test func a429HalvesTheRateOncePerBurstAndPausesEveryHolder() {
        var budget = FleetBudget(limits: Self.limits)
        _ = budget.handle(.rateRequest(w1, endpoint: "sim", requests: 4, tokens: 100, now: at(0)))
        _ = budget.handle(.rateRequest(w2, endpoint: "sim", requests: 4, tokens: 100, now: at(0)))
        #expect(
            budget.handle(.report429(endpoint: "sim", retryAfter: 3, now: at(0)))
                == [.pause(endpoint: "sim", until: at(3), holders: [w1, w2])])
        #expect(budget.rateFactor("sim") == 0.5)
        #expect(budget.liveShare("sim", now: at(0)) == 0)
        // The rest of the burst: no further cut, and a longer Retry-After only lengthens the pause.
        #expect(budget.handle(.report429(endpoint: "sim", retryAfter: nil, now: at(1))).isEmpty)
        #expect(
            budget.handle(.report429(endpoint: "sim", retryAfter: 4, now: at(1.5)))
                == [.pause(endpoint: "sim", until: at(5.5), holders: [w1, w2])])
        #expect(budget.rateFactor("sim") == 0.5)
        let paused = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 1, tokens: 100, now: at(2))))
        #expect(paused == [RateGrant(endpoint: "sim", requests: 0, tokens: 0, expiresAt: at(5.5))])
        // A 429 after the pause is a new burst.
        #expect(
            budget.handle(.report429(endpoint: "sim", retryAfter: 1, now: at(5.75)))
                == [.pause(endpoint: "sim", until: at(6.75), holders: [w1])])
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

    @Test func theShareOfAVanishedWorkerReturnsOnceItsGrantExpiresAndItStopsAsking() {
        var budget = FleetBudget(limits: Self.limits)
        let taken = Self.grants(budget.handle(.rateRequest(w1, endpoint: "sim", requests: 10, tokens: 100, now: at(0))))
        #expect(taken.map(\.requests) == [4])
        // w1 disappears holding the grant; w2 waits for it to expire, not longer.
        let waiting = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 10, tokens: 100, now: at(1))))
        #expect(waiting == [RateGrant(endpoint: "sim", requests: 0, tokens: 0, expiresAt: at(2))])
        // Expired, but w1 asked recently: it may come back, so w2 gets half.
        let half = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 10, tokens: 100, now: at(2))))
        #expect(half.map(\.requests) == [2])
        #expect(budget.askers("sim", now: at(2)) == [w1, w2])
        // Two grant lengths of silence: w1 is gone and w2 gets everything.
        let whole = Self.grants(budget.handle(.rateRequest(w2, endpoint: "sim", requests: 10, tokens: 100, now: at(4))))
        #expect(whole.map(\.requests) == [4])
        #expect(budget.askers("sim", now: at(4)) == [w2])
    }

    @Test func anUnlimitedEndpointGrantsWhatIsAsked() {
        var budget = FleetBudget(limits: ["free": EndpointLimits(requestsPerMinute: 0, tokensPerMinute: 0)])
        let granted = Self.grants(budget.handle(.rateRequest(w1, endpoint: "free", requests: 7, tokens: 9, now: at(0))))
        #expect(granted == [RateGrant(endpoint: "free", requests: 7, tokens: 9, expiresAt: at(2))])
    }

    @Test func anUnknownEndpointIsRefused() {
        var budget = FleetBudget(limits: Self.limits)
        #expect(budget.handle(.rateRequest(w1, endpoint: "nope", requests: 1, tokens: 1, now: at(0))) == [.unknownEndpoint(w1, endpoint: "nope")])
    }
}
