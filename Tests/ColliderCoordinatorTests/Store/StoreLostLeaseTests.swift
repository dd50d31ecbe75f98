import Foundation
import Logging
import Testing

@testable import ColliderCoordinator

struct StoreLostLeaseTests {
    @Test func lostLeasesSurviveARestart() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        var core = try StoreRecoveryTests.core(results, now: at(0))
        _ = try core.handle(.workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [], now: at(0)))
        let lease = try #require(try core.handle(.credit(w1, count: 1, now: at(0))).granted.first).lease
        _ = try core.handle(.workerDisconnected(w1, now: at(0)))
        _ = try core.handle(SchedulerEvent.tick(now: at(SchedulerPolicy().disconnectGrace)))
        _ = try core.handle(.workerHello(w1, incarnation: "i2", slots: 1, heldLeases: [], now: at(2)))
        let again = try #require(try core.handle(.credit(w1, count: 1, now: at(2))).granted.first).lease
        #expect(again != lease)
        _ = try core.handle(.fail(w1, again, .infra, retryable: true, reason: "503", now: at(3)))

        let loaded = try results.open(now: at(4)).loadSnapshot()
        let a = try #require(loaded.tasks.first { $0.id == "a" })
        #expect(a.attempt == 2 && a.lostLeases == 1 && a.failures == 1)
    }
}
