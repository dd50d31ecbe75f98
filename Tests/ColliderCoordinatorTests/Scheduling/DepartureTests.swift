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

/// A drain waits `drainTimeout` for the leases in flight, then cancels them.
struct DrainTimeoutTests {
    @Test func aDrainCancelsWhatIsStillLeasedAtItsTimeoutAndEnds() throws {
        var harness = Harness([runTask("a"), runTask("b"), runTask("c")], policy: SchedulerPolicy(drainTimeout: 30))
        let leases = harness.join(w1, slots: 2, credit: 2, at: at(0))
        harness.send(.drain(now: at(1)))
        let done = harness.send(.result(w1, leases[0].lease, resultReport(), now: at(5)))
        #expect(done.contains(.ack(w1, leases[0].lease, .result)))
        // Still waiting for b, whose worker keeps pinging, until just before the timeout.
        for second in stride(from: 6.0, through: 30, by: 1) {
            harness.send(.heartbeat(w1, now: at(second)))
            #expect(harness.send(.tick(now: at(second + 0.9))).cancels.isEmpty)
        }
        #expect(harness.status("b") == .leased)
        let timedOut = harness.send(.tick(now: at(31)))
        #expect(timedOut.cancels.map(\.task) == ["b"])
        #expect(harness.status("b") == .pending && harness.attempt("b") == 0)
        #expect(timedOut.persisted.contains(.leaseClosed(leases[1].lease, outcome: "drained", at: at(31))))
        #expect(timedOut.contains { if case .sweepFinished(let summary) = $0 { summary.reason == .drained } else { false } })
        #expect(harness.status("a") == .done && harness.status("c") == .pending)
    }
}

extension DrainTimeoutTests {
    @Test func theDrainTimeoutIsADeadline() throws {
        var harness = Harness([runTask("a")], policy: SchedulerPolicy(defaultStageBudget: 1_000, drainTimeout: 30))
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.drain(now: at(1)))
        harness.send(.heartbeat(w1, now: at(29)))
        #expect(harness.state.nextDeadline == at(31))
    }
}
