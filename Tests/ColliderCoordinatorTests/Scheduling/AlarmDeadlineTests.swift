import ColliderCore
import Foundation
import Testing

@testable import ColliderCoordinator

/// `alarmDeadline`, what the shell arms its tick at after every batch without scanning every
/// worker and lease: never later than `nextDeadline` (the scan), and equal to it after a tick.
struct AlarmDeadlineTests {
    @Test func eventsThatOnlyPostponeDeadlinesLeaveTheAlarmAtTheLastTicks() throws {
        var harness = Harness([runTask("a")])  // heartbeat 1 s, liveness 5: silence after 5 s
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.tick(now: at(0.5)))
        #expect(harness.state.alarmDeadline == at(5))
        #expect(harness.state.nextDeadline == at(5))

        // Heard at 3 s: the silence deadline moves to 8 s, the alarm stays at 5 s (no earlier
        // than the first event since the tick, 3 s, plus the shortest delay, 2 s).
        harness.send(.heartbeat(w1, now: at(3)))
        #expect(harness.state.nextDeadline == at(8))
        #expect(harness.state.alarmDeadline == at(5))

        // The tick at 5 s finds nothing due and scans again.
        harness.send(.tick(now: at(5.001)))
        #expect(harness.status("a") == .leased)
        #expect(harness.state.alarmDeadline == at(8))
    }

    @Test func anEventThatBringsADeadlineNearerBringsTheAlarmAsNear() {
        var harness = Harness([runTask("a")])  // disconnect grace 2 s: the shortest delay
        harness.join(w1, credit: 1, at: at(0))
        harness.send(.tick(now: at(0.5)))
        harness.send(.workerDisconnected(w1, now: at(1)))
        #expect(harness.state.nextDeadline == at(3))
        #expect(harness.state.alarmDeadline == at(3))
    }

    @Test func theShortestDelayIsTheShortestOfThePolicysDelays() {
        #expect(SchedulerPolicy().shortestDelay == 2)  // the disconnect grace: 2 × heartbeat
        #expect(SchedulerPolicy(heartbeatInterval: 10, stageBudgets: ["loss": 7, "gradient": 30]).shortestDelay == 7)
        #expect(SchedulerPolicy(heartbeatInterval: 100, liveness: 1, suspectCancelAfter: 40, disconnectGrace: 500).shortestDelay == 40)
        #expect(SchedulerPolicy(disconnectGrace: 0).shortestDelay == 0)
    }

    /// Random sweeps of workers joining, crediting, progressing through stages of different
    /// budgets, finishing, failing, going silent, disconnecting and leaving, with ticks between:
    /// after every event the alarm is no later than the scan's deadline, and after every tick it
    /// is the scan's deadline.
    @Test(arguments: 1...40)
    func theAlarmIsNeverLaterThanTheScanAndIsItAfterATick(seed: UInt64) {
        var random = SplitMix64(state: seed)
        let policy = SchedulerPolicy(
            heartbeatInterval: 1, liveness: 4, backoffBase: 0.5, stageBudgets: ["loss": 2.5, "gradient": 6],
            defaultStageBudget: 9, suspectCancelAfter: 3, disconnectGrace: Double(random.next() % 3))
        var harness = Harness((0..<12).map { runTask("t\($0)", seed: $0) }, policy: policy)
        let workers = (0..<4).map { WorkerID("w\($0)") }
        var leases: [LeaseID: WorkerID] = [:]
        var sequence = 0
        var now = 0.0
        for _ in 0..<300 {
            now += Double(random.next() % 700) / 1000
            let worker = workers[Int(random.next() % UInt64(workers.count))]
            let held = leases.filter { $0.value == worker }.keys.sorted { $0.rawValue < $1.rawValue }
            let event: SchedulerEvent
            switch random.next() % 10 {
            case 0: event = .workerHello(worker, incarnation: "i1", slots: 2, heldLeases: [], now: at(now))
            case 1: event = .credit(worker, count: 1, now: at(now))
            case 2 where !held.isEmpty:
                sequence += 1
                let stage = ["loss", "gradient", "optimizer"][Int(random.next() % 3)]
                event = .progress(worker, held[0], progress(sequence, stage: stage, step: sequence), now: at(now))
            case 3 where !held.isEmpty: event = .result(worker, held[0], resultReport(), now: at(now))
            case 4 where !held.isEmpty: event = .fail(worker, held[0], .infra, retryable: true, reason: "503", now: at(now))
            case 5: event = .heartbeat(worker, now: at(now))
            case 6: event = .workerDisconnected(worker, now: at(now))
            case 7 where random.next() % 4 == 0: event = .workerLeft(worker, now: at(now))
            default: event = .tick(now: at(now))
            }
            for granted in harness.send(event).granted { leases[granted.lease] = granted.worker }
            leases = leases.filter { harness.state.leases[$0.key] != nil }

            let alarm = harness.state.alarmDeadline
            let scan = harness.state.nextDeadline
            if case .tick = event {
                #expect(alarm == scan, "seed \(seed), after the tick at \(now) s")
            } else if let scan {
                #expect(alarm.map { $0 <= scan } == true, "seed \(seed), after \(event) at \(now) s")
            }
        }
    }
}
