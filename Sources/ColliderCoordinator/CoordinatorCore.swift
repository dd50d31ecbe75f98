import ColliderCore
import Foundation
import Logging

/// The coordinator without sockets: feeds events to the scheduler and the fleet budget and
/// commits every `persist` to the store, in one transaction, before anything that acknowledges it
/// is sent, so nothing is acknowledged that a crash could take back. The transport shell maps wire
/// messages to events and actions to wire messages.
///
/// Store writes block: the shell calls it from one dedicated thread (style.md item 7), which also
/// keeps events in order. A batch's commit is handed to the `StoreWriter`'s thread
/// (`handle(batch:acknowledge:)`); every other commit and every read of the store waits for the
/// writer first, so all of them see, and follow, every change handed in before.
public struct CoordinatorCore: Sendable {
    /// The sweep's store. Read it through `settledStore()`: changes may still be on their way.
    public let store: SweepStore
    /// Commits the batches' changes in order, beside the core. Readers of the store outside the
    /// core wait for it (`waitUntilCommitted`) to see every change handed in before they asked.
    public let writer: StoreWriter
    /// The scheduler, for status.
    public private(set) var scheduler: SchedulerState
    /// The fleet rate budget, for status.
    public private(set) var budget: FleetBudget
    /// 429 answers reported to the fleet budget since the coordinator started.
    public private(set) var rateLimitedReports = 0
    /// How long writing the plan, loading the snapshot and building the scheduler took.
    public let startupTimings: StartupTimings
    private let logger: Logger
    /// Tasks with a stored checkpoint or journal entry: only these need their resume point read
    /// when they are leased.
    private var resumable: Set<String>

    /// Opens a sweep from its store after writing the (re-)expanded plan: tasks done before keep
    /// their results, and leases from before a restart wait in reconciliation.
    public init(
        store: SweepStore, tasks: [SweepTask], estimatedUSD: [String: Double] = [:], policy: SchedulerPolicy,
        budget: FleetBudget, logger: Logger, now: Date
    ) throws(StoreError) {
        var timings = StartupTimings()
        try timings.measure("plan upsert") { () throws(StoreError) in
            try store.upsertPlan(tasks, estimatedUSD: estimatedUSD, now: now)
        }
        var snapshot = try timings.measure("snapshot load") { () throws(StoreError) in try store.loadSnapshot() }
        if !store.created { snapshot.leaseNumberGap = StoreWriter.leaseNumberGap }
        resumable = try timings.measure("resume index") { () throws(StoreError) in try store.tasksWithResumeData() }
        self.store = store
        writer = StoreWriter(store: store)
        self.scheduler = timings.measure("scheduler") { SchedulerState(restoring: snapshot, policy: policy, now: now) }
        startupTimings = timings
        self.budget = budget
        self.logger = logger
        logger.info(
            "sweep opened",
            metadata: [
                "store": "\(store.path)", "tasks": "\(snapshot.tasks.count)", "done": "\(scheduler.count("done"))",
                "unknown": "\(scheduler.count("unknown"))",
            ])
    }

    /// Feeds a scheduler event; commits its changes on the calling thread (after everything
    /// handed to the writer before), then returns the actions to send. When the
    /// commit fails nothing may be sent: the coordinator must stop and restart from the store.
    public mutating func handle(_ event: SchedulerEvent) throws(StoreError) -> [SchedulerAction] {
        var outbound: [SchedulerAction] = []
        for action in scheduler.handle(event) {
            switch action {
            case .persist(let changes):
                try commitNow(changes)
            case .markSuspect, .budgetExhausted, .sweepFinished, .lease, .ack, .cancel, .drain, .introduce:
                note(action)
                outbound.append(action)
            }
        }
        return outbound
    }

    /// Feeds events that arrived together (`SchedulerState.handle(batch:)`) and hands their
    /// changes to the store writer, to be committed in one transaction after every change handed
    /// in before; `acknowledge` runs on the writer's thread once they are. Returns before the
    /// commit: the shell may send at once only what acknowledges no state (a new lease's TASK, a
    /// PONG) and leaves the rest (ACKs, cancels, the end of the sweep) to `acknowledge`. Throws an
    /// earlier commit's failure.
    public mutating func handle(
        batch events: [SchedulerEvent], acknowledge: @escaping @Sendable (SchedulerBatch) -> Void
    ) throws(StoreError) -> SchedulerBatch {
        let batch = scheduler.handle(batch: events)
        noteResumable(batch.changes)
        try writer.submit(batch.changes) { acknowledge(batch) }
        for action in batch.replies.joined() { note(action) }
        for action in batch.actions { note(action) }
        return batch
    }

    /// The store once every change handed in so far is committed, for reads that must see them.
    public func settledStore() throws(StoreError) -> SweepStore {
        try writer.waitUntilCommitted()
        return store
    }

    /// A PING from `worker`: it is alive. Nothing to commit.
    public mutating func heard(_ worker: WorkerID, now: Date) {
        scheduler.heard(worker, now: now)
    }

    /// Commits `changes` now, on the calling thread, after every change handed in before them.
    public mutating func commitNow(_ changes: [StoreChange]) throws(StoreError) {
        try writer.commitNow(changes)
        noteResumable(changes)
    }

    /// Tasks whose changes store a checkpoint or journal entry now have a resume point.
    private mutating func noteResumable(_ changes: [StoreChange]) {
        for change in changes {
            switch change {
            case .checkpoint(let taskID, _), .journal(let taskID, _): resumable.insert(taskID)
            default: break
            }
        }
    }

    /// Logs what the operator should see of `action`.
    private func note(_ action: SchedulerAction) {
        switch action {
        case .markSuspect(let worker, let lease, let taskID, _):
            logger.warning("lease stalled", metadata: ["worker": "\(worker)", "lease": "\(lease)", "task": "\(taskID)"])
        case .budgetExhausted(let spent, let limit):
            logger.warning("dollar ceiling reached, leasing stops", metadata: ["spent": "\(spent)", "limit": "\(limit)"])
        case .sweepFinished(let summary):
            logger.info(
                "sweep finished", metadata: ["reason": "\(summary.reason.rawValue)", "counts": "\(summary.counts)"])
        case .persist, .lease, .ack, .cancel, .drain, .introduce:
            break
        }
    }

    /// Feeds a fleet-budget event; nothing in it is persisted (a restarted coordinator starts
    /// with a fresh budget, and workers re-ask).
    public mutating func handle(_ event: BudgetEvent) -> [BudgetAction] {
        if case .report429 = event { rateLimitedReports += 1 }
        let actions = budget.handle(event)
        for case .pause(let endpoint, let until, _) in actions {
            logger.notice("rate limited, fleet pauses", metadata: ["endpoint": "\(endpoint)", "until": "\(until)"])
        }
        return actions
    }

    /// What a TASK message for this task carries beside the lease: the latest checkpoint and the
    /// call journal since it. Not read for a task that never stored either.
    public func resumePoint(for taskID: String) throws(StoreError) -> ResumePoint {
        guard resumable.contains(taskID) else { return ResumePoint(checkpoint: nil, journal: []) }
        return try settledStore().resumePoint(for: taskID)
    }
}
