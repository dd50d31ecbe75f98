import Foundation
import Testing

@testable import ColliderCoordinator

/// A coordinator restart: leases from before wait for their workers to re-announce them.
struct ReconciliationTests {
    static let l1 = LeaseID("L0-a")
    static let l2 = LeaseID("L1-b")

    /// a and b were leased to w1 and w2 before the crash; c never was.
    static func snapshot() -> SchedulerSnapshot {
        SchedulerSnapshot(
            tasks: [
                TaskRecord(task: runTask("a"), status: .leased, attempt: 1, lease: l1, worker: w1),
                TaskRecord(task: runTask("b"), status: .leased, attempt: 0, lease: l2, worker: w2),
                TaskRecord(task: runTask("c")),
            ],
            leaseTasks: [l1: "a", l2: "b"], leaseCount: 2)
    }

    @Test func reannouncedLeasesAreKeptAndUnclaimedOnesReturnAfterTheWindow() throws {
        var harness = Harness(restoring: Self.snapshot(), now: at(0))
        #expect(harness.status("a") == .unknown && harness.status("b") == .unknown)
        #expect(harness.state.reconcileUntil == at(10))  // 2 × interval × liveness

        let back = harness.send(
            .workerHello(w1, incarnation: "i1", slots: 2, heldLeases: [HeldLease(lease: Self.l1, taskID: "a")], now: at(1)))
        #expect(back.granted.isEmpty && back.cancels.isEmpty)
        #expect(harness.status("a") == .leased)
        #expect(harness.state.tasks["a"]?.attempt == 1)

        // A new worker with credit gets c, but not b while the window is open.
        let fresh = harness.join(w3, slots: 4, credit: 4, at: at(2))
        #expect(fresh.map(\.taskID) == ["c"])
        for second in stride(from: 3.0, to: 10, by: 1) {
            harness.send(.heartbeat(w1, now: at(second)))
            harness.send(.heartbeat(w3, now: at(second)))
            #expect(harness.send(.tick(now: at(second + 0.9))).granted.isEmpty)
        }
        #expect(harness.status("b") == .unknown)

        // Window over: b returns to pending with its attempt unchanged and is leased again.
        let after = harness.send(.tick(now: at(10)))
        #expect(after.granted == [Granted(taskID: "b", worker: w3, lease: LeaseID("L3-b"), attempt: 0)])
        #expect(after.persisted.contains(.leaseClosed(Self.l2, outcome: "unclaimed", at: at(10))))

        // The re-announced lease finishes normally.
        let done = harness.send(.result(w1, Self.l1, resultReport(), now: at(11)))
        #expect(done.contains(.ack(w1, Self.l1, .result)))
        #expect(harness.status("a") == .done)
    }

    @Test func theWindowClosesOnceEveryLeaseIsReannounced() throws {
        var harness = Harness(restoring: Self.snapshot(), now: at(0))
        harness.send(
            .workerHello(w1, incarnation: "i1", slots: 2, heldLeases: [HeldLease(lease: Self.l1, taskID: "a")], now: at(1)))
        #expect(harness.state.reconcileUntil == at(10))
        let last = harness.send(
            .workerHello(w2, incarnation: "i1", slots: 2, heldLeases: [HeldLease(lease: Self.l2, taskID: "b")], now: at(2)))
        #expect(harness.state.reconcileUntil == nil)
        #expect(last.persisted.contains { if case .event(let e) = $0 { e.kind == "reconciled" } else { false } })
        #expect(harness.status("a") == .leased && harness.status("b") == .leased)
    }

    /// The worker's PROGRESS, queued while the coordinator was down, arrives before its HELLO:
    /// the lease is still the task's, so it is not cancelled (the worker would drop the task the
    /// HELLO then re-announces, and the lease would sit idle until stall detection).
    @Test func progressOfAnUnannouncedLeaseBeforeItsHelloCancelsNothing() throws {
        var harness = Harness(restoring: Self.snapshot(), now: at(0))
        let early = harness.send(.progress(w1, Self.l1, progress(5, step: 2, calls: 3), now: at(1)))
        #expect(early.cancels.isEmpty)
        #expect(early.contains(.ack(w1, Self.l1, .progress(sequence: 5))))
        harness.send(
            .workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [HeldLease(lease: Self.l1, taskID: "a")], now: at(2)))
        #expect(harness.status("a") == .leased)
        // A lease that is no longer the task's is still told to stop.
        let stale = harness.send(.progress(w3, Self.l2, progress(1), now: at(3)))
        #expect(stale.cancels.map(\.worker) == [w3])
    }

    @Test func aLeaseReannouncedAfterTheWindowIsCancelled() throws {
        var harness = Harness(restoring: Self.snapshot(), now: at(0))
        harness.send(.tick(now: at(10)))
        let late = harness.send(
            .workerHello(w2, incarnation: "i1", slots: 1, heldLeases: [HeldLease(lease: Self.l2, taskID: "b")], now: at(11)))
        #expect(late.cancels.map(\.task) == ["b"])
        #expect(harness.status("b") == .pending)
    }

    @Test func aReconnectingWorkerThatNoLongerHoldsALeaseLosesIt() throws {
        var harness = Harness([runTask("a"), runTask("b")])
        let granted = harness.join(w1, slots: 2, credit: 2, at: at(0))
        let hello = harness.send(
            .workerHello(w1, incarnation: "i2", slots: 2, heldLeases: [HeldLease(lease: granted[0].lease, taskID: "a")], now: at(1)))
        #expect(hello.cancels.isEmpty)
        #expect(harness.status("a") == .leased)
        #expect(harness.status("b") == .pending && harness.attempt("b") == 1)
    }
}
