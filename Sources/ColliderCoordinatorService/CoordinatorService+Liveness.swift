import ColliderCoordinator
import Foundation

/// Time and connections: the tick loop runs at the scheduler's next deadline, and a worker whose
/// connection closed is reported to the scheduler at once.
extension CoordinatorService {
    /// The longest the tick loop sleeps when no deadline is nearer: it also notices a sweep that
    /// finished outside any message (a drain with nothing in flight).
    static let idleTick: TimeInterval = 1

    /// Ticks at every deadline the scheduler names (and at least once per `idleTick`) until the
    /// sweep finishes; returns its summary.
    func runTicks() async throws -> SweepSummary? {
        alarm.arm(at: Date())
        for await _ in alarm.rings {
            alarm.rang()
            if let summary = try await handle(.tick(now: Date())) ?? state.finished { return summary }
            alarm.arm(at: Date().addingTimeInterval(Self.idleTick))
        }
        return nil
    }

    /// Feeds every closed worker connection the transport reports to the scheduler, after the
    /// messages that arrived before it: the worker is suspect and loses its leases after
    /// `SchedulerPolicy.disconnectGrace` unless it is heard from.
    func watchDisconnects() async throws -> SweepSummary? {
        for await closed in router.disconnects {
            try await handled.wait(for: closed.deliveredBefore)
            let worker = WorkerID(closed.peer.description)
            logger.info("worker connection closed", metadata: ["peer": "\(closed.peer)"])
            if let summary = try await handle(.workerDisconnected(worker, now: Date())) {
                return summary
            }
        }
        return nil
    }

    /// Sets the alarm for when the scheduler must next tick (`alarmDeadline`), after an event.
    func armAlarm(for deadline: Date?) {
        if let deadline { alarm.arm(at: deadline) }
    }
}
