import ColliderCore
import Foundation

@testable import ColliderCoordinator

/// A fixed instant plus `seconds`: tests name times as offsets.
func at(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: 800_000_000 + seconds) }

func runTask(_ id: String, dependsOn: [String] = [], seed: Int = 1) -> SweepTask {
    SweepTask(
        id: id, kind: .run, backbone: "qwen3", mode: .SSS, gate: .mae, seed: seed, criterion: nil, dependsOn: dependsOn)
}

let w1 = WorkerID("w1")
let w2 = WorkerID("w2")
let w3 = WorkerID("w3")

/// A scheduler under test with shorthand for the usual events.
struct Harness {
    var state: SchedulerState

    init(_ tasks: [SweepTask], estimatedUSD: [String: Double] = [:], policy: SchedulerPolicy = SchedulerPolicy()) {
        state = SchedulerState(tasks: tasks, estimatedUSD: estimatedUSD, policy: policy)
    }

    init(restoring snapshot: SchedulerSnapshot, policy: SchedulerPolicy = SchedulerPolicy(), now: Date) {
        state = SchedulerState(restoring: snapshot, policy: policy, now: now)
    }

    @discardableResult
    mutating func send(_ event: SchedulerEvent) -> [SchedulerAction] { state.handle(event) }

    /// HELLO then CREDIT; returns the leases granted.
    @discardableResult
    mutating func join(_ worker: WorkerID, slots: Int = 4, credit: Int, held: [HeldLease] = [], at now: Date) -> [Granted] {
        send(.workerHello(worker, incarnation: "i1", slots: slots, heldLeases: held, now: now)).granted
            + send(.credit(worker, count: credit, now: now)).granted
    }

    /// The worker's connection closes at `now` and it is not heard from again: its leases are
    /// lost at the tick `disconnectGrace` later.
    @discardableResult
    mutating func lose(_ worker: WorkerID, at now: Date) -> [SchedulerAction] {
        send(.workerDisconnected(worker, now: now)) + send(.tick(now: now.addingTimeInterval(state.policy.disconnectGrace)))
    }

    func status(_ id: String) -> TaskStatus? { state.tasks[id]?.status }
    func attempt(_ id: String) -> Int? { state.tasks[id]?.attempt }
}

struct Granted: Equatable {
    var taskID: String
    var worker: WorkerID
    var lease: LeaseID
    var attempt: Int
}

extension [SchedulerAction] {
    var granted: [Granted] {
        compactMap {
            guard case .lease(let task, let worker, let lease, let attempt) = $0 else { return nil }
            return Granted(taskID: task, worker: worker, lease: lease, attempt: attempt)
        }
    }

    var persisted: [StoreChange] {
        flatMap { action -> [StoreChange] in
            guard case .persist(let changes) = action else { return [] }
            return changes
        }
    }

    var cancels: [(task: String, worker: WorkerID)] {
        compactMap {
            guard case .cancel(let task, let worker, _) = $0 else { return nil }
            return (task, worker)
        }
    }

    var summary: SweepSummary? {
        for case .sweepFinished(let summary) in self { return summary }
        return nil
    }
}

func progress(_ sequence: Int, stage: String = "gradient", step: Int = 1, calls: Int = 0, dollars: Double = 0)
    -> ProgressReport
{
    ProgressReport(
        sequence: sequence, stage: stage, step: step, calls: calls,
        usage: dollars > 0 ? [UsageRecord(role: "task", endpoint: "sim", calls: 1, tokens: 10, dollars: dollars)] : [])
}

func resultReport(dollars: Double = 0) -> ResultReport {
    ResultReport(
        payload: Data("{\"ok\":true}".utf8),
        usage: dollars > 0 ? [UsageRecord(role: "task", endpoint: "sim", calls: 1, tokens: 10, dollars: dollars)] : [])
}
