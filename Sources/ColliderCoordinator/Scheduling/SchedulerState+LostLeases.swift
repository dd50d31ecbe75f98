import ColliderCore
import Foundation

/// Leases lost with their worker. A worker killed, cut off, silent past the lease timeout or back
/// without the lease is the fleet's fault, not the task's: such a loss does not spend one of the
/// task's retries (`retryLimits`), only one of its `lostLeaseLimit` losses, so chaos across the
/// fleet cannot fail a healthy task while a task that takes down every worker that runs it still
/// ends failed, with a reason saying so.
extension SchedulerState {
    /// Back to pending at once with attempt + 1 and one more lost lease, or failed for good as
    /// `infra` once the task has lost `lostLeaseLimit` leases.
    mutating func settleLostLease(_ taskID: String, reason: String, now: Date) {
        guard var record = tasks[taskID] else { return }
        record.lease = nil
        record.worker = nil
        if policy.retriesLostLease(lost: record.lostLeases) {
            record.attempt += 1
            record.lostLeases += 1
            record.status = .pending
            record.nextEligibleAt = nil
            update(record, now: now)
            log("retry", task: taskID, "lost lease \(record.lostLeases) of \(policy.lostLeaseLimit): \(reason); attempt \(record.attempt)", now: now)
            if unmetDependencies[taskID] == 0, let place = position[taskID] { ready.insert(place) }
        } else {
            let why =
                "lost its worker on \(record.lostLeases + 1) leases (the limit is \(policy.lostLeaseLimit)); "
                + "a task that takes down every worker that runs it? last: \(reason)"
            settle(taskID, .infra, retryable: false, reason: why, backoff: false, now: now)
        }
    }
}
