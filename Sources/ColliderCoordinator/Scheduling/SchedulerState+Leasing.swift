import Foundation

/// Workers arriving, their credit, and handing ready tasks out against it.
extension SchedulerState {
    /// HELLO: the worker (re)connects. Leases it held before but no longer claims are lost; the
    /// ones it claims are kept if they are still its own, otherwise it is told to drop them.
    mutating func hello(_ worker: WorkerID, incarnation: String, slots: Int, held: [HeldLease], now: Date) {
        let claimed = Set(held.map(\.lease))
        for lease in (workers[worker]?.leases ?? []).sorted() where !claimed.contains(lease) {
            expireLease(lease, reason: "worker \(worker) reconnected without lease \(lease)", now: now)
        }
        workers[worker] = WorkerRecord(id: worker, incarnation: incarnation, slots: slots, lastHeard: now)
        log("hello", worker: worker, "incarnation \(incarnation), slots \(slots), holds \(held.count)", now: now)
        for lease in held { adopt(lease, by: worker, now: now) }
    }

    /// CREDIT: the worker may take `count` more tasks.
    mutating func credit(_ worker: WorkerID, count: Int, now: Date) {
        guard let record = workers[worker], !record.awaitingHello else {
            log("ignored", worker: worker, "credit from a worker that has not said HELLO (since its connection closed)", now: now)
            actions.append(.introduce(worker))
            return
        }
        workers[worker]?.lastHeard = now
        let before = workers[worker]?.credit ?? 0
        workers[worker]?.addCredit(count)
        creditIndex.move(worker, from: before, to: workers[worker]?.credit ?? 0)
    }

    /// Leases ready tasks in plan order while some worker has credit, the sweep is not draining
    /// and the dollar ceiling allows. Tasks still `unknown` after a restart are never ready.
    mutating func dispatch(_ now: Date) {
        earliestDeferred = nil
        guard !isDraining, !isBudgetExhausted, !isFinished else { return }
        var inFlightUSD: Double?
        var deferred: [Int] = []
        while !ready.isEmpty, let worker = workerWithMostCredit() {
            guard let place = ready.popMin() else { break }
            let id = planOrder[place]
            guard let record = tasks[id], record.status == .pending, unmetDependencies[id] == 0 else { continue }
            if let eligible = record.nextEligibleAt, eligible > now {
                earliestDeferred = min(earliestDeferred ?? eligible, eligible)
                deferred.append(place)
                continue
            }
            // Without a ceiling nothing is projected: the sum over live leases would be wasted.
            let projected = ceiling.limitUSD == nil ? 0 : inFlightUSD ?? inFlightProjection()
            guard ceiling.allows(nextUSD: record.estimatedUSD, inFlightUSD: projected) else {
                deferred.append(place)
                exhaustBudget(now)
                break
            }
            inFlightUSD = projected + record.estimatedUSD
            grant(record, to: worker, now: now)
        }
        for place in deferred { ready.insert(place) }
    }

    /// Dollars the live leases are still projected to spend.
    func inFlightProjection() -> Double {
        leases.values.reduce(0) { sum, lease in
            sum + max(0, (tasks[lease.taskID]?.estimatedUSD ?? 0) - lease.dollars)
        }
    }

    private mutating func grant(_ record: TaskRecord, to worker: WorkerID, now: Date) {
        let id = LeaseID("L\(nextLeaseNumber)-\(record.id.prefix(12))")
        nextLeaseNumber += 1
        if let credit = workers[worker]?.credit {
            workers[worker]?.credit = credit - 1
            creditIndex.move(worker, from: credit, to: credit - 1)
        }
        openLease(id, of: record, to: worker, now: now)
        actions.append(.lease(taskID: record.id, to: worker, lease: id, attempt: record.attempt))
    }

    /// Makes `id` the live lease of `record`'s task, held by `worker`.
    private mutating func openLease(_ id: LeaseID, of record: TaskRecord, to worker: WorkerID, now: Date) {
        var leased = record
        leased.status = .leased
        leased.lease = id
        leased.worker = worker
        leased.nextEligibleAt = nil
        let lease = Lease(id: id, taskID: record.id, worker: worker, attempt: record.attempt, grantedAt: now)
        leases[id] = lease
        leaseTasks[id] = record.id
        workers[worker]?.leases.insert(id)
        update(leased, now: now)
        changes.append(.leaseOpened(lease))
    }

    /// The worker with the most credit; ties go to the smallest id, so runs are reproducible.
    private mutating func workerWithMostCredit() -> WorkerID? {
        let workers = workers
        return creditIndex.best { workers[$0]?.credit }
    }

    /// Keeps a lease the worker re-announces if it is still the task's current lease, or if the
    /// store never saw it and nobody else holds its task; otherwise the worker is told to drop it.
    private mutating func adopt(_ held: HeldLease, by worker: WorkerID, now: Date) {
        if leaseTasks[held.lease] == nil, let record = tasks[held.taskID],
            record.status == .pending || record.status == .unknown
        {
            adoptUncommitted(held, of: record, by: worker, now: now)
            return
        }
        guard var record = tasks[held.taskID], record.lease == held.lease,
            record.status == .unknown || (record.status == .leased && leases[held.lease]?.worker == worker)
        else {
            log("stale_lease", task: held.taskID, worker: worker, lease: held.lease, "re-announced, cancelled", now: now)
            actions.append(.cancel(taskID: held.taskID, at: worker, lease: held.lease))
            return
        }
        if record.status == .unknown {
            record.status = .leased
            record.worker = worker
            update(record, now: now)
            leases[held.lease] = Lease(
                id: held.lease, taskID: held.taskID, worker: worker, attempt: record.attempt, grantedAt: now)
            log("reclaimed", task: held.taskID, worker: worker, lease: held.lease, now: now)
            endReconciliationIfAccountedFor(now)
        }
        workers[worker]?.leases.insert(held.lease)
    }

    /// A lease sent just before the coordinator stopped, whose commit had not happened yet
    /// (leases leave before their commit, `StoreWriter`): its task is still pending, or still
    /// holds the lease it had before, in the store. The worker keeps it, so the calls it made
    /// while the coordinator was down are not bought again.
    private mutating func adoptUncommitted(_ held: HeldLease, of record: TaskRecord, by worker: WorkerID, now: Date) {
        if record.status == .unknown, let previous = record.lease {
            closeLease(previous, outcome: "superseded", now: now)
        }
        openLease(held.lease, of: record, to: worker, now: now)
        log("reclaimed", task: record.id, worker: worker, lease: held.lease, "sent before a restart, never committed", now: now)
        endReconciliationIfAccountedFor(now)
    }

    /// Every lease from before the restart is accounted for: nothing is left to wait for.
    private mutating func endReconciliationIfAccountedFor(_ now: Date) {
        guard reconcileUntil != nil, count("unknown") == 0 else { return }
        reconcileUntil = nil
        log("reconciled", "every lease re-announced", now: now)
    }
}
