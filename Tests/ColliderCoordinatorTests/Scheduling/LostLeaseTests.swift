import ColliderCore
import Foundation
import Testing

@testable import ColliderCoordinator

/// Leases lost with their worker count against `lostLeaseLimit`, not the task's retries.
struct LostLeaseTests {
    @Test func losingWorkersDoesNotSpendTheTasksRetries() throws {
        // Retry cap 3: five workers lost in a row would have failed the task before.
        var harness = Harness([runTask("a")], policy: SchedulerPolicy(retryLimits: [.infra: 3], lostLeaseLimit: 10))
        var now = 0.0
        for lost in 1...5 {
            harness.join(WorkerID("k\(lost)"), credit: 1, at: at(now))
            now += 1
            harness.lose(WorkerID("k\(lost)"), at: at(now))
            now += harness.state.policy.disconnectGrace
            #expect(harness.status("a") == .pending)
            #expect(harness.attempt("a") == lost)
            #expect(harness.state.tasks["a"]?.lostLeases == lost)
        }
        // Its own failures still have all three retries.
        var lease = try #require(harness.join(w1, slots: 1, credit: 1, at: at(now)).first).lease
        for retry in 1...3 {
            now += 1
            harness.send(.fail(w1, lease, .infra, retryable: true, reason: "503", now: at(now)))
            #expect(harness.status("a") == .pending, "retry \(retry)")
            // The backoff counts the task's own failures only: 2, 4, 8 s.
            #expect(harness.state.tasks["a"]?.nextEligibleAt == at(now + 2 * pow(2, Double(retry - 1))))
            now += 10
            lease = try #require(harness.send(.credit(w1, count: 1, now: at(now))).granted.first).lease
        }
        harness.send(.fail(w1, lease, .infra, retryable: true, reason: "503", now: at(now + 1)))
        #expect(harness.status("a") == .failed(.infra, reason: "503"))
        #expect(harness.attempt("a") == 8)
    }

    @Test func everyKindOfWorkerLossIsALostLease() throws {
        var harness = Harness(
            [runTask("gone"), runTask("silent"), runTask("back")], policy: SchedulerPolicy(retryLimits: [.infra: 0]))
        let gone = try #require(harness.join(w1, slots: 1, credit: 1, at: at(0)).first)
        let silent = try #require(harness.join(w2, slots: 1, credit: 1, at: at(0)).first)
        let back = try #require(harness.join(w3, slots: 1, credit: 1, at: at(0)).first)
        #expect([gone.taskID, silent.taskID, back.taskID] == ["gone", "silent", "back"])
        harness.lose(w1, at: at(1))  // a killed process: its connection closes
        harness.send(.heartbeat(w1, now: at(3)))
        harness.send(.heartbeat(w3, now: at(5)))
        harness.send(.tick(now: at(5.5)))  // w2 silent past 1 s × 5: a cut link or a dead host
        // w3 restarted (SIGKILL) and says HELLO holding nothing.
        harness.send(.workerHello(w3, incarnation: "i2", slots: 1, heldLeases: [], now: at(6)))
        for task in ["gone", "silent", "back"] {
            // No infra retries at all, yet each task is pending again: none of these was its fault.
            #expect(harness.status(task) == .pending, "\(task)")
            #expect(harness.state.tasks[task]?.lostLeases == 1, "\(task)")
        }
    }

    @Test func aTaskThatLosesEveryWorkerFailsWithAReason() throws {
        var harness = Harness([runTask("poison"), runTask("after", dependsOn: ["poison"])],
                              policy: SchedulerPolicy(lostLeaseLimit: 2))
        for (index, worker) in [w1, w2, w3].enumerated() {
            let granted = harness.join(worker, slots: 1, credit: 1, at: at(Double(index * 4)))
            #expect(granted.map(\.taskID) == ["poison"])
            harness.lose(worker, at: at(Double(index * 4 + 1)))
        }
        guard case .failed(.infra, let reason) = harness.status("poison") else {
            Issue.record("expected an infra failure, got \(String(describing: harness.status("poison")))")
            return
        }
        #expect(reason.contains("lost its worker on 3 leases (the limit is 2)"))
        #expect(reason.contains("worker w3"))
        #expect(harness.status("after") == .blocked(dependency: "poison"))
    }

    @Test func aStallIsTheTasksOwnFailure() throws {
        let policy = SchedulerPolicy(retryLimits: [.infra: 0], defaultStageBudget: 10, suspectCancelAfter: 5)
        var harness = Harness([runTask("a")], policy: policy)
        harness.join(w1, slots: 1, credit: 1, at: at(0))
        harness.send(.heartbeat(w1, now: at(4)))
        harness.send(.heartbeat(w1, now: at(8)))
        harness.send(.heartbeat(w1, now: at(11)))
        harness.send(.tick(now: at(11)))  // suspect
        harness.send(.heartbeat(w1, now: at(15)))
        harness.send(.tick(now: at(16)))  // cancelled: counts against the infra retries (none here)
        guard case .failed(.infra, _) = harness.status("a") else {
            Issue.record("expected an infra failure, got \(String(describing: harness.status("a")))")
            return
        }
        #expect(harness.state.tasks["a"]?.lostLeases == 0)
    }
}

/// A worker the coordinator does not know is asked to say HELLO again.
struct IntroduceTests {
    @Test func aPingOrCreditFromAnUnknownWorkerAsksForHello() throws {
        var harness = Harness([runTask("a")])
        #expect(harness.send(.heartbeat(w1, now: at(0))).contains(.introduce(w1)))
        #expect(harness.send(.credit(w1, count: 1, now: at(0))).contains(.introduce(w1)))
        let granted = harness.join(w1, credit: 1, at: at(1))
        #expect(granted.map(\.taskID) == ["a"])
        #expect(!harness.send(.heartbeat(w1, now: at(2))).contains(.introduce(w1)))
    }

    @Test func aWorkerGivenUpWhileCutOffIsAskedBackWhenItPingsAgain() throws {
        var harness = Harness([runTask("a")])
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.tick(now: at(6)))  // silent past 1 s × 5: given up
        #expect(harness.state.workers[w1] == nil)
        // The link comes back before the worker's own silence rule fires.
        #expect(harness.send(.heartbeat(w1, now: at(6.5))).contains(.introduce(w1)))
        let back = harness.send(.workerHello(w1, incarnation: "i1", slots: 4, heldLeases: [], now: at(7)))
        #expect(!back.contains(.introduce(w1)))
        #expect(harness.send(.credit(w1, count: 1, now: at(7))).granted.map(\.taskID) == ["a"])
    }
}
