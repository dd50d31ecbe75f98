import Foundation
import Testing

@testable import ColliderCoordinator

/// `nextDeadline` (when the shell must tick) and the disconnect rule: a worker whose connection
/// closed loses its leases after a short grace unless it is heard from.
struct DeadlineTests {
    /// A moment after `instant`: the silence rule is strict.
    func justAfter(_ instant: Date) -> Date { instant.addingTimeInterval(0.001) }

    @Test func nothingWaitsOnTimeWithoutWorkers() {
        let harness = Harness([runTask("a")])
        #expect(harness.state.nextDeadline == nil)
    }

    @Test func theNextDeadlineIsTheSilenceExpiryAndATickJustAfterItReleasesTheTask() throws {
        var harness = Harness([runTask("a")])
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.heartbeat(w1, now: at(2.3)))
        let deadline = try #require(harness.state.nextDeadline)
        #expect(deadline == at(7.3))
        harness.send(.tick(now: deadline))
        #expect(harness.status("a") == .leased)
        harness.send(.tick(now: justAfter(deadline)))
        #expect(harness.status("a") == .pending && harness.attempt("a") == 1)
    }

    @Test func theEarliestWorkerSetsTheDeadline() {
        var harness = Harness([runTask("a"), runTask("b")])
        harness.join(w1, credit: 1, at: at(0))
        harness.join(w2, credit: 1, at: at(1))
        harness.send(.heartbeat(w1, now: at(3)))
        #expect(harness.state.nextDeadline == at(6))  // w2, heard last at 1 s
    }

    @Test func aDisconnectedWorkersLeasesReturnAfterTheGrace() throws {
        var harness = Harness([runTask("a")])  // heartbeat 1 s: grace 2 s
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        let closed = harness.send(.workerDisconnected(w1, now: at(0.5)))
        #expect(closed.persisted.contains { if case .event(let e) = $0 { e.kind == "worker_disconnected" } else { false } })
        #expect(harness.state.nextDeadline == at(2.5))
        harness.send(.tick(now: at(2.4)))
        #expect(harness.status("a") == .leased)
        let released = harness.send(.tick(now: at(2.5)))
        #expect(harness.status("a") == .pending && harness.attempt("a") == 1)
        #expect(harness.state.workers[w1] == nil)
        #expect(released.persisted.contains(.leaseClosed(lease, outcome: "expired", at: at(2.5))))
        // Well before the silence rule (5 s) would have given it up.
        let again = try #require(harness.join(w2, credit: 1, at: at(2.6)).first)
        #expect(again.taskID == "a" && again.attempt == 1)
    }

    @Test func aWorkerHeardFromAfterItsDisconnectKeepsItsLease() {
        var harness = Harness([runTask("a")])
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.workerDisconnected(w1, now: at(1)))
        // ZeroMQ reconnected it; its next PING arrives within the grace.
        harness.send(.heartbeat(w1, now: at(1.9)))
        #expect(harness.state.workers[w1]?.disconnectedAt == nil)
        #expect(harness.state.nextDeadline == at(6.9))
        harness.send(.tick(now: at(3.5)))
        #expect(harness.status("a") == .leased)
    }

    @Test func aSecondDisconnectKeepsTheFirstOnesClock() {
        var harness = Harness([runTask("a")])
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.workerDisconnected(w1, now: at(1)))
        harness.send(.workerDisconnected(w1, now: at(2)))
        #expect(harness.state.nextDeadline == at(3))
    }

    @Test func aDisconnectOfAnUnknownWorkerChangesNothing() {
        var harness = Harness([runTask("a")])
        let actions = harness.send(.workerDisconnected(w3, now: at(1)))
        #expect(actions.persisted.isEmpty)
        #expect(harness.state.nextDeadline == nil)
    }

    @Test func withoutGraceADisconnectReleasesAtOnce() {
        var harness = Harness([runTask("a")], policy: SchedulerPolicy(disconnectGrace: 0))
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.workerDisconnected(w1, now: at(1)))
        #expect(harness.status("a") == .pending && harness.attempt("a") == 1)
    }

    @Test func aRetryBackoffIsADeadlineWhileAWorkerHasCredit() throws {
        var harness = Harness([runTask("a")])
        let lease = try #require(harness.join(w1, slots: 1, credit: 1, at: at(0)).first).lease
        harness.send(.fail(w1, lease, .infra, retryable: true, reason: "503", now: at(1)))
        harness.send(.credit(w1, count: 1, now: at(1)))
        let eligible = try #require(harness.state.tasks["a"]?.nextEligibleAt)
        #expect(eligible == at(3))  // backoff base 2 s
        #expect(harness.state.nextDeadline == eligible)
        #expect(harness.send(.tick(now: eligible)).granted.map(\.taskID) == ["a"])
    }

    @Test func aStalledLeaseIsADeadline() throws {
        let policy = SchedulerPolicy(heartbeatInterval: 100, stageBudgets: ["gradient": 10], suspectCancelAfter: 20)
        var harness = Harness([runTask("a")], policy: policy)
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        harness.send(.progress(w1, lease, progress(0, stage: "gradient", step: 1, calls: 1), now: at(4)))
        #expect(harness.state.nextDeadline == at(14))
        harness.send(.tick(now: justAfter(at(14))))
        #expect(harness.state.nextDeadline == justAfter(at(14)).addingTimeInterval(20))
    }

    @Test func theReconciliationWindowIsADeadline() {
        let snapshot = SchedulerSnapshot(
            tasks: [TaskRecord(task: runTask("a"), status: .leased, lease: LeaseID("L0-a"), worker: w1)],
            leaseTasks: [LeaseID("L0-a"): "a"], leaseCount: 1)
        let harness = Harness(restoring: snapshot, now: at(0))
        #expect(harness.state.nextDeadline == at(10))
    }
}
