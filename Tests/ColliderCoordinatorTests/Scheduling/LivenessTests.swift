import Foundation
import Testing

@testable import ColliderCoordinator

struct LivenessTests {
    @Test func aSilentWorkersLeaseExpiresAndTheTaskReturnsWithAttemptPlusOne() throws {
        var harness = Harness([runTask("a")])
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        harness.send(.heartbeat(w1, now: at(3)))
        // Interval 1 s × liveness 5: silent for exactly 5 s is still alive.
        harness.send(.tick(now: at(8)))
        #expect(harness.status("a") == .leased)
        let expired = harness.send(.tick(now: at(8.5)))
        #expect(harness.status("a") == .pending)
        #expect(harness.attempt("a") == 1)
        #expect(harness.state.workers[w1] == nil)
        #expect(expired.persisted.contains(.leaseClosed(lease, outcome: "expired", at: at(8.5))))
        // No backoff after a lost lease: the next worker takes it at once.
        let again = try #require(harness.join(w2, credit: 1, at: at(9)).first)
        #expect(again.taskID == "a" && again.attempt == 1)
        // The old worker comes back with stale progress: told to drop it.
        let stale = harness.send(.progress(w1, lease, progress(3), now: at(10)))
        #expect(stale.cancels.map(\.worker) == [w1])
    }

    @Test func livenessIsConfigurable() throws {
        var harness = Harness([runTask("a")], policy: SchedulerPolicy(heartbeatInterval: 2, liveness: 3))
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.tick(now: at(6)))
        #expect(harness.status("a") == .leased)
        harness.send(.tick(now: at(6.1)))
        #expect(harness.status("a") == .pending)
    }

    @Test func aDisconnectedWorkerLosesItsLeasesAfterTheGrace() throws {
        var harness = Harness([runTask("a"), runTask("b")])
        harness.join(w1, credit: 2, at: at(0))
        harness.send(.workerDisconnected(w1, now: at(1)))
        harness.send(.tick(now: at(1).addingTimeInterval(harness.state.policy.disconnectGrace - 0.1)))
        #expect(harness.status("a") == .leased && harness.status("b") == .leased)
        harness.lose(w1, at: at(1))
        #expect(harness.status("a") == .pending && harness.attempt("a") == 1)
        #expect(harness.status("b") == .pending && harness.attempt("b") == 1)
    }

    /// A closed connection may have taken a TASK or a CREDIT with it: the worker, heard from
    /// again, gets nothing until its HELLO, and a lease it does not re-announce (its TASK was
    /// lost) is leased again.
    @Test func aWorkerWhoseConnectionClosedMustSayHelloAgain() throws {
        var harness = Harness([runTask("a"), runTask("b")])
        let lost = try #require(harness.join(w1, slots: 2, credit: 1, at: at(0)).first)
        #expect(lost.taskID == "a" && !harness.state.needsHello(w1))
        harness.send(.workerDisconnected(w1, now: at(1)))
        harness.send(.heartbeat(w1, now: at(1.5)))  // reconnected within the grace
        #expect(harness.state.needsHello(w1))
        let credit = harness.send(.credit(w1, count: 1, now: at(1.6)))
        #expect(credit.granted.isEmpty && credit.contains(.introduce(w1)))
        harness.send(.tick(now: at(5)))  // heard from: its lease stays
        #expect(harness.status("a") == .leased)
        let again = harness.join(w1, slots: 2, credit: 2, at: at(6))
        #expect(!harness.state.needsHello(w1))
        #expect(Set(again.map(\.taskID)) == ["a", "b"])
        #expect(harness.attempt("a") == 1)
    }

    @Test func aLeaseLostTooOftenFailsAsInfra() throws {
        var harness = Harness([runTask("a")], policy: SchedulerPolicy(lostLeaseLimit: 1))
        harness.join(w1, credit: 1, at: at(0))
        harness.lose(w1, at: at(1))
        harness.join(w2, credit: 1, at: at(4))
        harness.lose(w2, at: at(5))
        guard case .failed(.infra, _) = harness.status("a") else {
            Issue.record("expected an infra failure, got \(String(describing: harness.status("a")))")
            return
        }
    }

    @Test func aWorkerThatPingsWithoutProgressIsSuspectThenCancelled() throws {
        let policy = SchedulerPolicy(stageBudgets: ["gradient": 10], suspectCancelAfter: 20)
        var harness = Harness([runTask("a")], policy: policy)
        let lease = try #require(harness.join(w1, slots: 1, credit: 1, at: at(0)).first).lease
        harness.send(.progress(w1, lease, progress(0, stage: "gradient", step: 1, calls: 3), now: at(1)))
        var now = 1.0
        var suspects: [SchedulerAction] = []
        while now < 30 {
            now += 1
            harness.send(.heartbeat(w1, now: at(now)))
            // A resent report that moves nothing does not count as progress.
            harness.send(.progress(w1, lease, progress(1, stage: "gradient", step: 1, calls: 3), now: at(now)))
            suspects += harness.send(.tick(now: at(now))).filter {
                if case .markSuspect = $0 { true } else { false }
            }
        }
        #expect(suspects == [.markSuspect(w1, lease: lease, taskID: "a", since: at(12))])
        #expect(harness.status("a") == .leased)
        now += 2  // 20 s after the suspicion
        harness.send(.heartbeat(w1, now: at(now)))
        let cancelled = harness.send(.tick(now: at(now)))
        #expect(cancelled.cancels.map(\.task) == ["a"])
        #expect(harness.status("a") == .pending)
        #expect(harness.attempt("a") == 1)
    }

    @Test func slowIsNotDeadProgressClearsSuspicion() throws {
        let policy = SchedulerPolicy(defaultStageBudget: 10, suspectCancelAfter: 5)
        var harness = Harness([runTask("a")], policy: policy)
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        for second in stride(from: 1.0, through: 11, by: 1) { harness.send(.heartbeat(w1, now: at(second))) }
        #expect(harness.send(.tick(now: at(11))).contains { if case .markSuspect = $0 { true } else { false } })
        let moved = harness.send(.progress(w1, lease, progress(0, step: 2, calls: 9), now: at(12)))
        #expect(moved.persisted.contains { if case .event(let e) = $0 { e.kind == "suspect_cleared" } else { false } })
        harness.send(.heartbeat(w1, now: at(16)))
        #expect(harness.send(.tick(now: at(17))).cancels.isEmpty)
        #expect(harness.status("a") == .leased)
    }

    @Test func aResentProgressReportCountsOnce() throws {
        var harness = Harness([runTask("a")])
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        let report = progress(4, calls: 2, dollars: 0.1)
        harness.send(.progress(w1, lease, report, now: at(1)))
        let resent = harness.send(.progress(w1, lease, report, now: at(2)))
        #expect(resent.persisted.isEmpty)
        #expect(resent.contains(.ack(w1, lease, .progress(sequence: 4))))
        #expect(harness.state.spentUSD == 0.1)
    }
}
