import Foundation
import GRDB
import Testing

@testable import ColliderCoordinator

/// Where a task's history lives in the store: a lease's grant and end in `leases`, a result in
/// `results`, and in the event log only what those tables do not say.
struct StoreHistoryTests {
    @Test func leasesAndResultsHoldWhatTheEventLogLeavesOut() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        var core = try StoreRecoveryTests.core(results, now: at(0))
        _ = try core.handle(.workerHello(w1, incarnation: "i1", slots: 2, heldLeases: [], now: at(0)))
        let granted = try core.handle(.credit(w1, count: 2, now: at(1))).granted
        #expect(granted.map(\.taskID) == ["a", "b"])
        _ = try core.handle(.result(w1, granted[0].lease, resultReport(dollars: 0.5), now: at(2)))
        _ = try core.handle(.fail(w1, granted[1].lease, .infra, retryable: true, reason: "503", now: at(3)))

        let store = try results.open(now: at(4))
        let leases = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, task_id, worker, attempt, granted_at, closed_at, outcome FROM leases ORDER BY granted_at, id")
        }
        #expect(leases.map { $0["id"] as String } == granted.map(\.lease.rawValue))
        #expect(leases.map { $0["task_id"] as String } == ["a", "b"])
        #expect(leases.map { $0["worker"] as String } == ["w1", "w1"])
        #expect(leases.map { $0["attempt"] as Int } == [0, 0])
        #expect(leases.map { $0["granted_at"] as Double } == [at(1), at(1)].map(\.timeIntervalSinceReferenceDate))
        #expect(leases.map { $0["closed_at"] as Double } == [at(2), at(3)].map(\.timeIntervalSinceReferenceDate))
        #expect(leases.map { $0["outcome"] as String } == ["result", "fail"])

        let result = try #require(
            try store.pool.read { try Row.fetchOne($0, sql: "SELECT task_id, lease_id, worker, cost_usd, at FROM results") })
        #expect(result["task_id"] as String == "a" && result["lease_id"] as String == granted[0].lease.rawValue)
        #expect(result["worker"] as String == "w1" && result["cost_usd"] as Double == 0.5)
        #expect(result["at"] as Double == at(2).timeIntervalSinceReferenceDate)

        let kinds = try store.pool.read { try String.fetchAll($0, sql: "SELECT kind FROM events ORDER BY seq") }
        #expect(kinds == ["hello", "retry"])
    }
}
