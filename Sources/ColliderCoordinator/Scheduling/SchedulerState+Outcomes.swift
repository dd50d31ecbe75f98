import ColliderCore
import Foundation

/// Progress, results and failures of leases, retries, and their effect on dependent tasks.
extension SchedulerState {
    /// PROGRESS: stores the checkpoint, journal entries, step records and usage it carries. A
    /// report of a lease that is no longer live keeps what was paid for and cancels the lease.
    mutating func progress(_ worker: WorkerID, _ id: LeaseID, _ report: ProgressReport, now: Date) {
        workers[worker]?.lastHeard = now
        guard let taskID = leaseTasks[id] else {
            log("ignored", worker: worker, lease: id, "progress of an unknown lease", now: now)
            return
        }
        guard var lease = leases[id], lease.worker == worker else {
            recordUsage(report.usage, taskID: taskID, now: now)
            for entry in report.journal { changes.append(.journal(taskID: taskID, entry)) }
            actions.append(.ack(worker, id, .progress(sequence: report.sequence)))
            if let record = tasks[taskID], record.status == .unknown, record.lease == id, record.worker == worker {
                // The lease from before a restart, reported before its worker's HELLO re-announces
                // it: the task is still that lease's, so what it carries is kept and nothing cancelled.
                if let checkpoint = report.checkpoint { changes.append(.checkpoint(taskID: taskID, checkpoint)) }
                for record in report.stepRecords { changes.append(.stepRecord(taskID: taskID, record)) }
                return
            }
            actions.append(.cancel(taskID: taskID, at: worker, lease: id))
            return
        }
        defer { actions.append(.ack(worker, id, .progress(sequence: report.sequence))) }
        guard report.sequence > lease.progressSequence else { return }
        let moved = lease.stage != report.stage || lease.step != report.step || report.calls > lease.calls
        lease.progressSequence = report.sequence
        lease.stage = report.stage
        lease.step = report.step
        lease.calls = max(lease.calls, report.calls)
        lease.dollars += recordUsage(report.usage, taskID: taskID, now: now)
        if moved {
            lease.lastProgressAt = now
            if lease.suspectSince != nil {
                lease.suspectSince = nil
                log("suspect_cleared", task: taskID, worker: worker, lease: id, now: now)
            }
        }
        leases[id] = lease
        // Journal entries first: they belong to the step the checkpoint closes.
        for entry in report.journal { changes.append(.journal(taskID: taskID, entry)) }
        if let checkpoint = report.checkpoint { changes.append(.checkpoint(taskID: taskID, checkpoint)) }
        for record in report.stepRecords { changes.append(.stepRecord(taskID: taskID, record)) }
    }

    /// RESULT: the first committed result of a task wins, from whichever lease; a later one is
    /// kept as a duplicate with its cost and changes nothing.
    mutating func result(_ worker: WorkerID, _ id: LeaseID, _ report: ResultReport, now: Date) {
        workers[worker]?.lastHeard = now
        defer { actions.append(.ack(worker, id, .result)) }
        guard let taskID = leaseTasks[id], var record = tasks[taskID] else {
            log("ignored", worker: worker, lease: id, "result of an unknown lease", now: now)
            return
        }
        let earlier = leases[id]?.dollars ?? 0
        let cost = earlier + recordUsage(report.usage, taskID: taskID, now: now)
        let stored = StoredResult(taskID: taskID, lease: id, worker: worker, payload: report.payload, costUSD: cost, at: now)
        guard !record.status.isTerminal else {
            changes.append(.duplicateResult(stored))
            log("duplicate_result", task: taskID, worker: worker, lease: id, "task already \(record.status.name)", now: now)
            if leases[id] != nil { closeLease(id, outcome: "duplicate", now: now) }
            return
        }
        if let current = record.lease {
            if current != id, let live = leases[current] {
                actions.append(.cancel(taskID: taskID, at: live.worker, lease: current))
            }
            closeLease(current, outcome: current == id ? "result" : "superseded", now: now)
        }
        if leases[id] != nil { closeLease(id, outcome: "result", now: now) }
        record.status = .done
        record.lease = nil
        record.worker = nil
        record.nextEligibleAt = nil
        update(record, now: now)
        changes.append(.result(stored))
        for dependent in dependents[taskID] ?? [] {
            unmetDependencies[dependent, default: 0] -= 1
            if unmetDependencies[dependent] == 0, tasks[dependent]?.status == .pending, let place = position[dependent] {
                ready.insert(place)
            }
        }
    }

    /// FAIL: retried with backoff while the class and the task's attempts allow, failed for good
    /// otherwise. A failure of a lease that is no longer live only records its usage.
    mutating func fail(
        _ worker: WorkerID, _ id: LeaseID, _ failure: FailureClass, retryable: Bool, reason: String,
        usage: [UsageRecord], now: Date
    ) {
        workers[worker]?.lastHeard = now
        defer { actions.append(.ack(worker, id, .fail)) }
        guard let taskID = leaseTasks[id] else {
            log("ignored", worker: worker, lease: id, "failure of an unknown lease", now: now)
            return
        }
        recordUsage(usage, taskID: taskID, now: now)
        guard leases[id]?.worker == worker else {
            log("stale_fail", task: taskID, worker: worker, lease: id, "\(failure.rawValue): \(reason)", now: now)
            return
        }
        closeLease(id, outcome: "fail", now: now)
        settle(taskID, failure, retryable: retryable, reason: reason, backoff: true, now: now)
    }

    /// The operator cancels a task: its lease is cancelled and it fails for good as `cancelled`.
    mutating func cancelTask(_ taskID: String, now: Date) {
        guard var record = tasks[taskID], !record.status.isTerminal else { return }
        if let id = record.lease {
            if let live = leases[id] { actions.append(.cancel(taskID: taskID, at: live.worker, lease: id)) }
            closeLease(id, outcome: "cancelled", now: now)
        }
        record.status = .failed(.cancelled, reason: "cancelled by the operator")
        record.lease = nil
        record.worker = nil
        update(record, now: now)
        log("cancelled", task: taskID, now: now)
        blockDependents(of: taskID, now: now)
    }

    /// After a lease ended without a result: back to pending with attempt + 1 (after a backoff
    /// when asked) if the policy retries it, failed for good and its dependents blocked otherwise.
    mutating func settle(
        _ taskID: String, _ failure: FailureClass, retryable: Bool, reason: String, backoff: Bool, now: Date
    ) {
        guard var record = tasks[taskID] else { return }
        record.lease = nil
        record.worker = nil
        if policy.retries(failure, retryable: retryable, failures: record.failures) {
            record.attempt += 1
            record.status = .pending
            record.nextEligibleAt = backoff ? now.addingTimeInterval(policy.backoff(retry: record.failures)) : nil
            update(record, now: now)
            log("retry", task: taskID, "\(failure.rawValue): \(reason); attempt \(record.attempt)", now: now)
            if unmetDependencies[taskID] == 0, let place = position[taskID] { ready.insert(place) }
        } else {
            record.status = .failed(failure, reason: reason)
            record.nextEligibleAt = nil
            update(record, now: now)
            log("failed", task: taskID, "\(failure.rawValue): \(reason)", now: now)
            blockDependents(of: taskID, now: now)
        }
    }

    /// Blocks every task that depends, directly or not, on a task that failed for good.
    private mutating func blockDependents(of taskID: String, now: Date) {
        var queue = dependents[taskID] ?? []
        while let next = queue.popLast() {
            guard var record = tasks[next], !record.status.isTerminal else { continue }
            record.status = .blocked(dependency: taskID)
            update(record, now: now)
            log("blocked", task: next, "dependency \(taskID) failed", now: now)
            queue.append(contentsOf: dependents[next] ?? [])
        }
    }

    /// Counts reported dollars against the ceiling and stores the usage rows; returns the dollars.
    @discardableResult
    private mutating func recordUsage(_ usage: [UsageRecord], taskID: String, now: Date) -> Double {
        var dollars = 0.0
        for record in usage {
            ceiling.record(record.dollars)
            dollars += record.dollars
            changes.append(.usage(taskID: taskID, record, at: now))
        }
        return dollars
    }
}
