import Foundation

/// Time-driven rules: silent workers, stalled leases, the restart reconciliation window, drain,
/// the dollar ceiling, and the end of the sweep.
extension SchedulerState {
    /// Gives up workers silent for longer than heartbeat interval × liveness, and workers whose
    /// connection closed `disconnectGrace` ago and that were not heard from since; their tasks go
    /// back to pending with attempt + 1.
    mutating func expireLostWorkers(_ now: Date) {
        var lost: [(WorkerID, String)] = []
        for worker in workers.values {
            if now.timeIntervalSince(worker.lastHeard) > policy.leaseTimeout {
                lost.append((worker.id, "worker \(worker.id) silent for more than \(policy.leaseTimeout) s"))
            } else if let since = worker.disconnectedAt, now.timeIntervalSince(since) >= policy.disconnectGrace {
                let reason = "worker \(worker.id) disconnected and not heard from for \(policy.disconnectGrace) s"
                lost.append((worker.id, reason))
            }
        }
        for (worker, reason) in lost.sorted(by: { $0.0 < $1.0 }) { dropWorker(worker, reason: reason, now: now) }
    }

    /// The transport saw the worker's connection close: it is suspect of death from now on, until
    /// any message from it arrives (`handle` clears the mark). Messages may have been lost with
    /// the connection (a TASK it never read, a CREDIT that never arrived), so it gets no task
    /// until it says HELLO again: asked to (`PONG known: false`), it re-announces its leases —
    /// one it never received is written off and leased again — and offers its free slots.
    mutating func disconnected(_ worker: WorkerID, now: Date) {
        guard let record = workers[worker], record.disconnectedAt == nil else { return }
        workers[worker]?.disconnectedAt = now
        workers[worker]?.awaitingHello = true
        workers[worker]?.credit = 0
        creditIndex.move(worker, from: record.credit, to: 0)
        let detail = "its leases go back in \(policy.disconnectGrace) s unless it is heard from; it must say HELLO again"
        log("worker_disconnected", worker: worker, detail, now: now)
    }

    /// Forgets a worker; each of its leases expires.
    mutating func dropWorker(_ worker: WorkerID, reason: String, now: Date) {
        guard let record = workers.removeValue(forKey: worker) else { return }
        for lease in record.leases.sorted() { expireLease(lease, reason: reason, now: now) }
        log("worker_lost", worker: worker, reason, now: now)
    }

    /// A lease lost with its worker: retried at once, counted against `lostLeaseLimit`.
    mutating func expireLease(_ id: LeaseID, reason: String, now: Date) {
        guard let lease = leases[id] else { return }
        closeLease(id, outcome: "expired", now: now)
        settleLostLease(lease.taskID, reason: reason, now: now)
    }

    /// A lease whose worker still pings but whose progress stands still past its stage budget is
    /// suspect (reported once); still stuck `suspectCancelAfter` later, it is cancelled and its task
    /// leased again. Slow is not dead: progress clears the suspicion.
    mutating func checkStalls(_ now: Date) {
        for id in leases.keys.sorted() {
            guard var lease = leases[id] else { continue }
            if let since = lease.suspectSince {
                guard now.timeIntervalSince(since) >= policy.suspectCancelAfter else { continue }
                actions.append(.cancel(taskID: lease.taskID, at: lease.worker, lease: id))
                closeLease(id, outcome: "cancelled", now: now)
                let stage = lease.stage ?? "start"
                let stalled = Int(now.timeIntervalSince(lease.lastProgressAt))
                settle(
                    lease.taskID, .infra, retryable: true, reason: "no progress in stage \(stage) for \(stalled) s",
                    backoff: false, now: now)
            } else if now.timeIntervalSince(lease.lastProgressAt) > policy.budget(forStage: lease.stage) {
                lease.suspectSince = now
                leases[id] = lease
                log("suspect", task: lease.taskID, worker: lease.worker, lease: id, lease.stage ?? "start", now: now)
                actions.append(.markSuspect(lease.worker, lease: id, taskID: lease.taskID, since: now))
            }
        }
    }

    /// The reconciliation window closed: leases nobody re-announced go back to pending with
    /// their attempt unchanged, since no failure was observed.
    mutating func endReconciliation(_ now: Date) {
        reconcileUntil = nil
        var unclaimed = 0
        for id in planOrder where tasks[id]?.status == .unknown {
            requeueUncharged(id, outcome: "unclaimed", now: now)
            unclaimed += 1
        }
        log("reconciled", "\(unclaimed) unclaimed leases back to pending", now: now)
    }

    /// DRAIN: nothing more is leased; every worker is told.
    mutating func drain(_ now: Date) {
        guard !isDraining else { return }
        isDraining = true
        drainUntil = now.addingTimeInterval(policy.drainTimeout)
        log("drain", "\(leases.count) leases in flight", now: now)
        for worker in workers.keys.sorted() { actions.append(.drain(worker)) }
    }

    /// The dollar ceiling is reached: reported once, and nothing more is leased.
    mutating func exhaustBudget(_ now: Date) {
        guard !isBudgetExhausted, let limit = ceiling.limitUSD else { return }
        isBudgetExhausted = true
        log("budget_exhausted", "spent \(ceiling.spentUSD) of \(limit) USD", now: now)
        actions.append(.budgetExhausted(spentUSD: ceiling.spentUSD, limitUSD: limit))
    }

    /// Emits `sweepFinished` once every task is terminal, or once a drain or the dollar ceiling
    /// stopped leasing and no lease is in flight or unreconciled.
    mutating func checkFinished(_ now: Date) {
        guard !isFinished else { return }
        let reason: SweepSummary.Reason
        if count("done") + count("failed") + count("blocked") == planOrder.count {
            reason = .completed
        } else if isDraining || isBudgetExhausted, count("leased") == 0, count("unknown") == 0 {
            reason = isBudgetExhausted ? .budgetExhausted : .drained
        } else {
            return
        }
        isFinished = true
        log("sweep_finished", reason.rawValue, now: now)
        actions.append(.sweepFinished(summary(reason)))
    }
}
