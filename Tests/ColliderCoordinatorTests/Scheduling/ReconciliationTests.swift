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

    // Leases leave before their commit (StoreWriter): a coordinator killed in between restarts
    // without them, and their workers re-announce ids the store never saw.

    @Test func aLeaseTheStoreNeverSawIsAdoptedWhenItsTaskIsStillPending() throws {
        var snapshot = Self.snapshot()
        snapshot.leaseNumberGap = 1_000_000
        var harness = Harness(restoring: snapshot, now: at(0))
        let uncommitted = LeaseID("L2-c")
        let hello = harness.send(
            .workerHello(w3, incarnation: "i1", slots: 2, heldLeases: [HeldLease(lease: uncommitted, taskID: "c")], now: at(1)))
        #expect(hello.cancels.isEmpty)
        #expect(harness.status("c") == .leased && harness.state.tasks["c"]?.lease == uncommitted)
        #expect(hello.persisted.contains(.leaseOpened(Lease(id: uncommitted, taskID: "c", worker: w3, attempt: 0, grantedAt: at(1)))))
        // Its progress is the lease's own; its result finishes the task.
        #expect(harness.send(.progress(w3, uncommitted, progress(1), now: at(2))).cancels.isEmpty)
        #expect(harness.send(.result(w3, uncommitted, resultReport(), now: at(3))).contains(.ack(w3, uncommitted, .result)))
        #expect(harness.status("c") == .done)
    }

    @Test func aLeaseTheStoreNeverSawSupersedesTheUnknownLeaseBeforeIt() throws {
        var harness = Harness(restoring: Self.snapshot(), now: at(0))
        // a's lease L0-a expired and a was leased again as L2-a just before the crash.
        let uncommitted = LeaseID("L2-a")
        let hello = harness.send(
            .workerHello(w3, incarnation: "i1", slots: 1, heldLeases: [HeldLease(lease: uncommitted, taskID: "a")], now: at(1)))
        #expect(hello.cancels.isEmpty)
        #expect(hello.persisted.contains(.leaseClosed(Self.l1, outcome: "superseded", at: at(1))))
        #expect(harness.status("a") == .leased && harness.state.tasks["a"]?.lease == uncommitted)
        // The worker of the lease before it is told to drop the task.
        let late = harness.send(
            .workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [HeldLease(lease: Self.l1, taskID: "a")], now: at(2)))
        #expect(late.cancels.map(\.task) == ["a"] && late.cancels.map(\.worker) == [w1])
    }

    @Test func aLeaseTheStoreNeverSawIsCancelledOnceItsTaskWentToAnotherWorker() throws {
        var snapshot = Self.snapshot()
        snapshot.leaseNumberGap = 1_000_000
        var harness = Harness(restoring: snapshot, now: at(0))
        let granted = harness.join(w3, slots: 1, credit: 1, at: at(1))
        // New leases skip the numbers uncommitted leases may have had.
        #expect(granted == [Granted(taskID: "c", worker: w3, lease: LeaseID("L1000002-c"), attempt: 0)])
        let late = harness.send(
            .workerHello(w1, incarnation: "i2", slots: 1, heldLeases: [HeldLease(lease: LeaseID("L2-c"), taskID: "c")], now: at(2)))
        #expect(late.cancels.map(\.task) == ["c"])
        #expect(harness.state.tasks["c"]?.lease == LeaseID("L1000002-c") && harness.state.tasks["c"]?.worker == w3)
    }
}
