import Foundation
import Testing

@testable import ColliderCoordinator

struct DollarCeilingTests {
    @Test func noLeaseWhenSpentPlusInFlightWouldPassTheCeiling() throws {
        let tasks = (0..<4).map { runTask("t\($0)") }
        var harness = Harness(
            tasks, estimatedUSD: Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, 1.0) }),
            policy: SchedulerPolicy(maxUSD: 2.5))
        harness.send(.workerHello(w1, incarnation: "i1", slots: 4, heldLeases: [], now: at(0)))
        let first = harness.send(.credit(w1, count: 4, now: at(0)))
        // Two in flight project 2 USD; a third would make 3 > 2.5.
        #expect(first.granted.map(\.taskID) == ["t0", "t1"])
        #expect(first.contains(.budgetExhausted(spentUSD: 0, limitUSD: 2.5)))

        // Reported once; nothing more is leased even when money is left after results.
        let lease0 = first.granted[0].lease
        let lease1 = first.granted[1].lease
        let done0 = harness.send(.result(w1, lease0, resultReport(dollars: 0.4), now: at(1)))
        #expect(done0.granted.isEmpty)
        #expect(!done0.contains { if case .budgetExhausted = $0 { true } else { false } })
        #expect(harness.send(.credit(w1, count: 2, now: at(2))).granted.isEmpty)

        // The sweep stops cleanly when the last lease in flight ends.
        let end = harness.send(.result(w1, lease1, resultReport(dollars: 0.5), now: at(3)))
        let summary = try #require(end.summary)
        #expect(summary.reason == .budgetExhausted)
        #expect(summary.counts == ["done": 2, "pending": 2])
        #expect(abs(summary.spentUSD - 0.9) < 1e-12)
    }

    @Test func spendingSoFarCountsAgainstTheProjection() {
        var ceiling = DollarCeiling(limitUSD: 10)
        ceiling.record(6)
        #expect(ceiling.allows(nextUSD: 2, inFlightUSD: 2))
        #expect(!ceiling.allows(nextUSD: 2, inFlightUSD: 2.01))
        #expect(DollarCeiling(limitUSD: nil, spentUSD: 1e9).allows(nextUSD: 1, inFlightUSD: 1))
    }
}
