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
    ///
    /// It scans every worker and lease; after each batch, the shell asks `alarmDeadline` instead.
    public var nextDeadline: Date? {
        earliest(stateDeadline, workerAndLeaseDeadline)
    }

    /// An instant never later than `nextDeadline`, and equal to it after a tick, found without
    /// scanning the workers and leases: what the shell arms its alarm at after every batch.
    ///
    /// Every deadline an event gives a worker or a lease is at least the policy's
    /// `shortestDelay` after the event (a worker heard, a lease granted or moved on, a connection
    /// closed), so the events since the last tick's scan can only have added deadlines from
    /// `shortestDelay` after the first of them. An event that removes a deadline or moves it
    /// later leaves the scanned one standing: the alarm rings early, the tick finds nothing due,
    /// scans, and the alarm is armed again at the exact deadline. At a steady rate of events the
    /// tick comes about every `shortestDelay`, instead of a scan of every worker and lease after
    /// each batch.
    public var alarmDeadline: Date? {
        let changed = changedSince.map { $0.addingTimeInterval(policy.shortestDelay) }
        return earliest(stateDeadline, earliest(scannedDeadline, changed))
    }

    /// After a batch of `events` is handled: a tick scans the workers and leases again; any
    /// other event is remembered (the first since the scan).
    mutating func noteDeadlines(after events: [SchedulerEvent]) {
        if events.contains(where: { if case .tick = $0 { true } else { false } }) {
            scannedDeadline = workerAndLeaseDeadline
            changedSince = nil
        } else if let first = events.lazy.map(\.now).min() {
            changedSince = earliest(changedSince, first)
        }
    }

    /// The deadlines kept in the state itself: the reconciliation window, a drain's timeout and
    /// a retry backoff passed over while a worker had credit.
    private var stateDeadline: Date? {
        var deadline = reconcileUntil
        if !isFinished { deadline = earliest(deadline, earliestDeferred) }
        return earliest(deadline, drainUntil)
    }

    /// The first deadline of any worker (silence, a closed connection's grace) or lease (its
    /// stage's budget, a suspect's grace), found by scanning them all.
    var workerAndLeaseDeadline: Date? {
        var deadline: Date?
        for worker in workers.values {
            deadline = earliest(deadline, worker.lastHeard.addingTimeInterval(policy.leaseTimeout))
            if let since = worker.disconnectedAt {
                deadline = earliest(deadline, since.addingTimeInterval(policy.disconnectGrace))
            }
        }
        for lease in leases.values {
            if let since = lease.suspectSince {
                deadline = earliest(deadline, since.addingTimeInterval(policy.suspectCancelAfter))
            } else {
                deadline = earliest(deadline, lease.lastProgressAt.addingTimeInterval(policy.budget(forStage: lease.stage)))
            }
        }
        return deadline
    }

    private func earliest(_ first: Date?, _ second: Date?) -> Date? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }
}
