import Foundation
import Testing

@testable import ColliderCoordinator

/// A worker that says BYE left on purpose: its tasks come back without spending a retry.
struct DepartureTests {
    @Test func aWorkerThatLeavesReturnsItsTasksWithTheirAttemptsUnchanged() throws {
        var harness = Harness([runTask("a"), runTask("b"), runTask("c")])
        let leases = harness.join(w1, slots: 2, credit: 2, at: at(0))
        #expect(leases.map(\.taskID) == ["a", "b"])
        let left = harness.send(.workerLeft(w1, now: at(1)))
        #expect(harness.state.workers[w1] == nil)
        for granted in leases {
            #expect(harness.status(granted.taskID) == .pending && harness.attempt(granted.taskID) == 0)
            #expect(left.persisted.contains(.leaseClosed(granted.lease, outcome: "returned", at: at(1))))
        }
        // The next worker takes them at once, in plan order, still at attempt 0.
        let again = harness.join(w2, slots: 3, credit: 3, at: at(2))
        #expect(again.map(\.taskID) == ["a", "b", "c"] && again.allSatisfy { $0.attempt == 0 })
    }

    @Test func leavingNeverFailsATaskHoweverOftenItHappens() throws {
        var harness = Harness([runTask("a")], policy: SchedulerPolicy(retryLimits: [.infra: 1]))
        for round in 0..<5 {
            let worker = WorkerID("w-\(round)")
            #expect(harness.join(worker, credit: 1, at: at(Double(round))).map(\.taskID) == ["a"])
            harness.send(.workerLeft(worker, now: at(Double(round) + 0.5)))
            #expect(harness.status("a") == .pending && harness.attempt("a") == 0)
        }
    }

    @Test func aDrainedWorkerLeavingEndsTheDrainedSweep() throws {
        var harness = Harness([runTask("a"), runTask("b")])
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.drain(now: at(1)))
        let finished = harness.send(.workerLeft(w1, now: at(2)))
        #expect(finished.contains { if case .sweepFinished(let summary) = $0 { summary.reason == .drained } else { false } })
        #expect(harness.status("a") == .pending)
    }
}
