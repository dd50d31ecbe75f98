import Foundation

/// Leases that come back without a failure: a worker that leaves on purpose, a drain that stops
/// waiting, and leases nobody re-announced after a restart.
extension SchedulerState {
    /// A worker said BYE (drained, or SIGTERMed with work in hand): it is forgotten, and each task
    /// it still held goes back to pending with its attempt unchanged. Leaving is not failing:
    /// scaling a fleet down, a Slurm `scancel` or a node drain must not spend a task's retries.
    mutating func workerLeft(_ worker: WorkerID, now: Date) {
        guard let record = workers.removeValue(forKey: worker) else { return }
        let returned = record.leases.sorted().compactMap { leases[$0]?.taskID }
        for taskID in returned { requeueUncharged(taskID, outcome: "returned", now: now) }
        log("worker_left", worker: worker, "\(returned.count) leases returned", now: now)
    }

    /// The drain waited `drainTimeout` for the leases in flight: each is cancelled, its task back
    /// to pending with its attempt unchanged, to resume from its checkpoint in a later `resume`.
    mutating func endDrain(_ now: Date) {
        drainUntil = nil
        guard !leases.isEmpty else { return }
        log("drain_timeout", "\(leases.count) leases cancelled after \(policy.drainTimeout) s", now: now)
        for (id, lease) in leases.sorted(by: { $0.key < $1.key }) {
            actions.append(.cancel(taskID: lease.taskID, at: lease.worker, lease: id))
            requeueUncharged(lease.taskID, outcome: "drained", now: now)
        }
    }

    /// Closes the task's lease with `outcome` and puts the task back to pending, ready when its
    /// dependencies are met, with its attempt unchanged: no failure was observed.
    mutating func requeueUncharged(_ taskID: String, outcome: String, now: Date) {
        guard var record = tasks[taskID] else { return }
        if let lease = record.lease { closeLease(lease, outcome: outcome, now: now) }
        record.status = .pending
        record.lease = nil
        record.worker = nil
        update(record, now: now)
        if unmetDependencies[taskID] == 0, let place = position[taskID] { ready.insert(place) }
    }
}
