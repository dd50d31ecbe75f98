import Foundation
import Testing

@testable import ColliderCoordinator

struct LeasingTests {
    @Test func leasesOnlyReadyTasksAndOnlyUpToCredit() {
        var harness = Harness([runTask("a"), runTask("b"), runTask("c", dependsOn: ["a"]), runTask("d")])
        let first = harness.join(w1, slots: 8, credit: 2, at: at(0))
        #expect(first.map(\.taskID) == ["a", "b"])
        #expect(first.allSatisfy { $0.worker == w1 && $0.attempt == 0 })
        #expect(harness.state.workers[w1]?.credit == 0)

        // One more credit: d is ready, c is not (a is not done).
        #expect(harness.send(.credit(w1, count: 1, now: at(1))).granted.map(\.taskID) == ["d"])
        #expect(harness.send(.credit(w1, count: 1, now: at(2))).granted.isEmpty)
        #expect(harness.status("c") == .pending)

        let lease = first[0].lease
        let actions = harness.send(.result(w1, lease, resultReport(), now: at(3)))
        #expect(actions.granted.map(\.taskID) == ["c"])
        #expect(harness.status("a") == .done)
        // The state change comes first: it is committed before the ACK goes out.
        guard case .persist(let changes) = actions.first else {
            Issue.record("persist must come first")
            return
        }
        #expect(changes.contains(.result(StoredResult(
            taskID: "a", lease: lease, worker: w1, payload: Data("{\"ok\":true}".utf8), costUSD: 0, at: at(3)))))
        #expect(actions.contains(.ack(w1, lease, .result)))
    }

    @Test func creditNeverExceedsFreeSlots() {
        var harness = Harness((0..<10).map { runTask("t\($0)") })
        let granted = harness.join(w1, slots: 3, credit: 10, at: at(0))
        #expect(granted.count == 3)
        #expect(harness.send(.credit(w1, count: 5, now: at(1))).granted.isEmpty)
        #expect(harness.state.count("leased") == 3)
    }

    @Test func tasksSpreadOverWorkersByCredit() {
        var harness = Harness((0..<4).map { runTask("t\($0)") })
        harness.join(w1, credit: 0, at: at(0))
        harness.join(w2, credit: 0, at: at(0))
        harness.send(.credit(w1, count: 1, now: at(1)))
        let granted = harness.send(.credit(w2, count: 3, now: at(1))).granted
        #expect(granted.map(\.worker) == [w2, w2, w2])
        #expect(harness.state.count("leased") == 4)
    }

    @Test func creditFromAWorkerWithoutHelloIsIgnored() {
        var harness = Harness([runTask("a")])
        #expect(harness.send(.credit(w1, count: 3, now: at(0))).granted.isEmpty)
        #expect(harness.status("a") == .pending)
    }

    @Test func drainStopsLeasingAndFinishesWhenInFlightWorkEnds() {
        var harness = Harness([runTask("a"), runTask("b"), runTask("c")])
        let granted = harness.join(w1, slots: 4, credit: 1, at: at(0))
        let drained = harness.send(.drain(now: at(1)))
        #expect(drained.contains(.drain(w1)))
        #expect(drained.summary == nil)
        #expect(harness.send(.credit(w1, count: 3, now: at(2))).granted.isEmpty)
        let end = harness.send(.result(w1, granted[0].lease, resultReport(), now: at(3)))
        #expect(end.granted.isEmpty)
        let summary = try! #require(end.summary)
        #expect(summary.reason == .drained)
        #expect(summary.counts == ["done": 1, "pending": 2])
    }

    @Test func operatorCancelStopsTheLeaseAndBlocksDependents() {
        var harness = Harness([runTask("a"), runTask("b", dependsOn: ["a"])])
        let granted = harness.join(w1, credit: 1, at: at(0))
        let actions = harness.send(.cancel(taskID: "a", now: at(1)))
        #expect(actions.cancels.map(\.task) == ["a"])
        #expect(harness.status("a") == .failed(.cancelled, reason: "cancelled by the operator"))
        #expect(harness.status("b") == .blocked(dependency: "a"))
        #expect(actions.summary?.reason == .completed)
        // A late result of the cancelled lease is kept as a duplicate, not counted.
        let late = harness.send(.result(w1, granted[0].lease, resultReport(), now: at(2)))
        #expect(late.persisted.contains { if case .duplicateResult = $0 { true } else { false } })
        #expect(harness.state.count("done") == 0)
    }

    @Test func everyTaskDoneFinishesTheSweepOnce() {
        var harness = Harness([runTask("a")])
        let granted = harness.join(w1, credit: 1, at: at(0))
        let done = harness.send(.result(w1, granted[0].lease, resultReport(), now: at(1)))
        #expect(done.summary?.succeeded == true)
        #expect(harness.send(.tick(now: at(2))).summary == nil)
    }

    @Test func aDependencyOutsideThePlanBlocksItsTask() {
        var harness = Harness([runTask("a", dependsOn: ["gone"]), runTask("b")])
        #expect(harness.status("a") == .blocked(dependency: "gone"))
        let actions = harness.join(w1, credit: 2, at: at(0))
        #expect(actions.map(\.taskID) == ["b"])
    }
}
