import ColliderCore
import Foundation

/// What happens to the scheduler. The machine has no clock: every event carries `now`.
public enum SchedulerEvent: Sendable, Equatable {
    /// A worker (re)connected, with the leases it still holds.
    case workerHello(WorkerID, incarnation: String, slots: Int, heldLeases: [HeldLease], now: Date)
    /// The worker may receive `count` more tasks.
    case credit(WorkerID, count: Int, now: Date)
    /// Progress of a lease; renews the worker's liveness.
    case progress(WorkerID, LeaseID, ProgressReport, now: Date)
    /// A lease's result.
    case result(WorkerID, LeaseID, ResultReport, now: Date)
    /// A lease failed.
    case fail(
        WorkerID, LeaseID, FailureClass, retryable: Bool, reason: String, usage: [UsageRecord] = [],
        now: Date)
    /// A PING or any other sign of life.
    case heartbeat(WorkerID, now: Date)
    /// Time passed: expiries, stalls, backoffs, the end of reconciliation.
    case tick(now: Date)
    /// The worker said BYE: it left on purpose (drained, or SIGTERMed) and gave its leases back.
    case workerLeft(WorkerID, now: Date)
    /// The transport saw the worker's connection close (a killed process's socket closes at
    /// once); its leases go back after `SchedulerPolicy.disconnectGrace` unless it is heard from.
    case workerDisconnected(WorkerID, now: Date)
    /// Lease nothing more; finish when the leases in flight end.
    case drain(now: Date)
    /// The operator cancels a task.
    case cancel(taskID: String, now: Date)

    /// When the event happened.
    public var now: Date {
        switch self {
        case .workerHello(_, _, _, _, let now), .credit(_, _, let now), .progress(_, _, _, let now),
            .result(_, _, _, let now), .fail(_, _, _, _, _, _, let now), .heartbeat(_, let now),
            .tick(let now), .workerLeft(_, let now), .workerDisconnected(_, let now),
            .drain(let now), .cancel(_, let now):
            now
        }
    }

    /// The worker whose message this event is, nil for events that are not a worker's message.
    public var sender: WorkerID? {
        switch self {
        case .workerHello(let worker, _, _, _, _), .credit(let worker, _, _), .progress(let worker, _, _, _),
            .result(let worker, _, _, _), .fail(let worker, _, _, _, _, _, _), .heartbeat(let worker, _),
            .workerLeft(let worker, _):
            worker
        case .tick, .workerDisconnected, .drain, .cancel:
            nil
        }
    }
}
