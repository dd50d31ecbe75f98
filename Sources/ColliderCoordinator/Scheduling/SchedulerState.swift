import ColliderCore
import Foundation

/// The sweep's scheduler as a value-type state machine (style.md item 8): it takes events, each
/// with its `now`, and returns actions; it never reads a clock, a socket or a file.
///
/// Every batch of actions starts with one `persist` holding the batch's state changes; the shell
/// commits it before it acknowledges anything, so that nothing acknowledged is ever lost (the
/// batched path sends new leases' TASKs before the commit: docs/protocol.md). Tasks lease in plan order when their dependencies are done, one per unit of worker credit.
public struct SchedulerState: Sendable {
    /// Liveness, retry, stall and ceiling rules.
    public let policy: SchedulerPolicy
    /// Every task by id.
    public private(set) var tasks: [String: TaskRecord] = [:]
    /// Live leases by id.
    public internal(set) var leases: [LeaseID: Lease] = [:]
    /// Connected workers by id.
    public internal(set) var workers: [WorkerID: WorkerRecord] = [:]
    /// Spent dollars and the ceiling.
    public internal(set) var ceiling: DollarCeiling
    /// DRAIN arrived: nothing more is leased.
    public internal(set) var isDraining = false
    /// The dollar ceiling stopped leasing.
    public internal(set) var isBudgetExhausted = false
    /// `sweepFinished` was emitted.
    public internal(set) var isFinished = false
    /// End of the restart reconciliation window, nil when none is open.
    public internal(set) var reconcileUntil: Date?
    /// When a drain stops waiting for the leases in flight (nil when not draining).
    public internal(set) var drainUntil: Date?

    let planOrder: [String]
    let position: [String: Int]
    let dependents: [String: [String]]
    var unmetDependencies: [String: Int] = [:]
    var ready = ReadyQueue()
    var creditIndex = WorkerCreditIndex()
    var leaseTasks: [LeaseID: String]
    var nextLeaseNumber: Int
    var counts: [String: Int] = [:]
    /// The earliest end of a retry backoff the last dispatch passed over, nil when none.
    var earliestDeferred: Date?
    /// The first deadline of any worker or lease as of the last tick (or the start), and the
    /// time of the first event since: `alarmDeadline` without a scan (SchedulerState+Deadlines).
    var scannedDeadline: Date?
    var changedSince: Date?
    var changes: [StoreChange] = []
    var actions: [SchedulerAction] = []

    /// A new sweep: every task pending at attempt 0.
    public init(tasks: [SweepTask], estimatedUSD: [String: Double] = [:], policy: SchedulerPolicy = SchedulerPolicy()) {
        let records = tasks.map { TaskRecord(task: $0, estimatedUSD: estimatedUSD[$0.id] ?? 0) }
        self.init(snapshot: SchedulerSnapshot(tasks: records), policy: policy, restartedAt: nil)
    }

    /// A sweep restarted from its store at `now`: tasks that were leased become `unknown` until
    /// their workers re-announce them or the reconciliation window ends.
    public init(restoring snapshot: SchedulerSnapshot, policy: SchedulerPolicy, now: Date) {
        self.init(snapshot: snapshot, policy: policy, restartedAt: now)
    }

    private init(snapshot: SchedulerSnapshot, policy: SchedulerPolicy, restartedAt: Date?) {
        self.policy = policy
        self.ceiling = DollarCeiling(limitUSD: policy.maxUSD, spentUSD: snapshot.spentUSD)
        self.leaseTasks = snapshot.leaseTasks
        self.nextLeaseNumber = snapshot.leaseCount + snapshot.leaseNumberGap
        planOrder = snapshot.tasks.map(\.id)
        position = Dictionary(planOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var dependents: [String: [String]] = [:]
        for record in snapshot.tasks {
            var record = record
            if restartedAt != nil, record.status == .leased { record.status = .unknown }
            tasks[record.id] = record
            counts[record.status.name, default: 0] += 1
            for dependency in record.task.dependsOn { dependents[dependency, default: []].append(record.id) }
        }
        self.dependents = dependents
        for id in planOrder {
            let dependsOn = tasks[id]?.task.dependsOn ?? []
            unmetDependencies[id] = dependsOn.count { tasks[$0]?.status != .done }
            if tasks[id]?.status == .pending, unmetDependencies[id] == 0, let place = position[id] {
                ready.insert(place)
            }
        }
        if let restartedAt, counts["unknown", default: 0] > 0 {
            reconcileUntil = restartedAt.addingTimeInterval(policy.reconciliationWindow)
        }
        blockUnsatisfiable(at: restartedAt ?? Date(timeIntervalSince1970: 0))
        scannedDeadline = workerAndLeaseDeadline
    }

    /// Feeds one event; returns what the shell must do, `persist` first.
    public mutating func handle(_ event: SchedulerEvent) -> [SchedulerAction] {
        apply(event)
        dispatch(event.now)
        checkFinished(event.now)
        noteDeadlines(after: [event])
        return flush()
    }

    /// The event's own effect, before tasks are handed out against the credit it left.
    mutating func apply(_ event: SchedulerEvent) {
        let now = event.now
        if let until = reconcileUntil, now >= until { endReconciliation(now) }
        if let until = drainUntil, now >= until { endDrain(now) }
        if let sender = event.sender { workers[sender]?.disconnectedAt = nil }
        switch event {
        case .workerHello(let worker, let incarnation, let slots, let held, _):
            hello(worker, incarnation: incarnation, slots: slots, held: held, now: now)
        case .credit(let worker, let count, _):
            credit(worker, count: count, now: now)
        case .progress(let worker, let lease, let report, _):
            progress(worker, lease, report, now: now)
        case .result(let worker, let lease, let report, _):
            result(worker, lease, report, now: now)
        case .fail(let worker, let lease, let failure, let retryable, let reason, let usage, _):
            fail(worker, lease, failure, retryable: retryable, reason: reason, usage: usage, now: now)
        case .heartbeat(let worker, _):
            heartbeat(worker, now: now)
        case .tick:
            expireLostWorkers(now)
            checkStalls(now)
        case .workerLeft(let worker, _):
            workerLeft(worker, now: now)
        case .workerDisconnected(let worker, _):
            disconnected(worker, now: now)
            expireLostWorkers(now)
        case .drain:
            drain(now)
        case .cancel(let taskID, _):
            cancelTask(taskID, now: now)
        }
    }

    /// Whether `worker` must say HELLO before it gets work: it is unknown (never introduced,
    /// given up, or this coordinator restarted), or its connection closed since its last HELLO.
    public func needsHello(_ worker: WorkerID) -> Bool { workers[worker]?.awaitingHello ?? true }

    /// How many tasks are in the state named `name` (see `TaskStatus.name`).
    public func count(_ name: String) -> Int { counts[name, default: 0] }

    /// Dollars spent so far.
    public var spentUSD: Double { ceiling.spentUSD }

    /// The summary `sweepFinished` would carry now.
    public func summary(_ reason: SweepSummary.Reason) -> SweepSummary {
        let failures: [SweepSummary.Failure] = planOrder.compactMap { id in
            guard case .failed(let failure, let reason) = tasks[id]?.status else { return nil }
            return SweepSummary.Failure(taskID: id, failure: failure, reason: reason)
        }
        return SweepSummary(reason: reason, counts: counts.filter { $0.value > 0 }, spentUSD: spentUSD, failures: failures)
    }

    // MARK: Bookkeeping shared by the extensions

    /// Stores a task's new state, keeping the counts and recording the change.
    mutating func update(_ record: TaskRecord, now: Date) {
        if let old = tasks[record.id] { counts[old.status.name, default: 0] -= 1 }
        counts[record.status.name, default: 0] += 1
        tasks[record.id] = record
        changes.append(.task(record, at: now))
    }

    /// Appends a line to the event log: what the other tables do not record. A lease's grant and
    /// its end are rows of `leases` (worker, attempt, granted, closed, outcome) and a task's result
    /// a row of `results`, so they get no line: two statements fewer per task for the store writer,
    /// about a quarter of its work (`collider bench store`, docs/benchmarks.md).
    mutating func log(
        _ kind: String, task: String? = nil, worker: WorkerID? = nil, lease: LeaseID? = nil, _ detail: String = "",
        now: Date
    ) {
        changes.append(.event(SweepEvent(kind: kind, taskID: task, worker: worker, lease: lease, detail: detail, at: now)))
    }

    /// Ends a lease (live or left over from before a restart) in memory and in the store.
    mutating func closeLease(_ id: LeaseID, outcome: String, now: Date) {
        if let lease = leases.removeValue(forKey: id) { workers[lease.worker]?.leases.remove(id) }
        changes.append(.leaseClosed(id, outcome: outcome, at: now))
    }

    /// A task whose dependency is not in the plan can never run: block it.
    private mutating func blockUnsatisfiable(at now: Date) {
        for id in planOrder {
            guard let record = tasks[id], !record.status.isTerminal,
                let missing = record.task.dependsOn.first(where: { tasks[$0] == nil })
            else { continue }
            var blocked = record
            blocked.status = .blocked(dependency: missing)
            update(blocked, now: now)
            log("blocked", task: id, "dependency \(missing) is not in the plan", now: now)
        }
    }

    private mutating func flush() -> [SchedulerAction] {
        let out = (changes.isEmpty ? [] : [SchedulerAction.persist(changes)]) + actions
        changes.removeAll()
        actions.removeAll()
        return out
    }
}
