import Foundation

/// When time alone will next change something, so that the shell can tick then instead of
/// polling.
extension SchedulerState {
    /// The earliest instant at which a `tick` may act: a silent worker given up, a disconnected
    /// worker's grace over, a lease found stalled or cancelled, the reconciliation window closed,
    /// a drain's timeout, or a retry backoff over while a worker has credit. Nil when nothing
    /// waits on time.
    ///
    /// The silence and stall rules are strict ("silent for *more than* the timeout"), so a tick at
    /// exactly this instant may still find nothing due: tick just after it.
    public var nextDeadline: Date? {
        var earliest = reconcileUntil
        func consider(_ instant: Date) {
            if earliest.map({ instant < $0 }) ?? true { earliest = instant }
        }
        if !isFinished, let deferred = earliestDeferred { consider(deferred) }
        if let drainUntil { consider(drainUntil) }
        for worker in workers.values {
            consider(worker.lastHeard.addingTimeInterval(policy.leaseTimeout))
            if let since = worker.disconnectedAt { consider(since.addingTimeInterval(policy.disconnectGrace)) }
        }
        for lease in leases.values {
            if let since = lease.suspectSince {
                consider(since.addingTimeInterval(policy.suspectCancelAfter))
            } else {
                consider(lease.lastProgressAt.addingTimeInterval(policy.budget(forStage: lease.stage)))
            }
        }
        return earliest
    }
}
