import ColliderCore
import Foundation
import Logging

/// The coordinator without sockets: feeds events to the scheduler and the fleet budget and
/// commits every `persist` to the store, in one transaction, before it returns the actions to
/// send, so nothing is acknowledged that a crash could take back. The transport shell maps wire
/// messages to events and actions to wire messages.
///
/// Store writes block: the shell calls it from one dedicated thread (style.md item 7), which also
/// keeps events in order.
public struct CoordinatorCore: Sendable {
    /// The sweep's store.
    public let store: SweepStore
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
        let snapshot = try timings.measure("snapshot load") { () throws(StoreError) in try store.loadSnapshot() }
        resumable = try timings.measure("resume index") { () throws(StoreError) in try store.tasksWithResumeData() }
        self.store = store
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

    /// Feeds a scheduler event; commits its changes, then returns the actions to send. When the
    /// commit fails nothing may be sent: the coordinator must stop and restart from the store.
    public mutating func handle(_ event: SchedulerEvent) throws(StoreError) -> [SchedulerAction] {
        var outbound: [SchedulerAction] = []
        for action in scheduler.handle(event) {
            switch action {
            case .persist(let changes):
                try commit(changes)
            case .markSuspect, .budgetExhausted, .sweepFinished, .lease, .ack, .cancel, .drain, .introduce:
                note(action)
                outbound.append(action)
            }
        }
        return outbound
    }

    /// Feeds events that arrived together (`SchedulerState.handle(batch:)`); commits all their
    /// changes in one transaction, then returns what to send. When the commit fails nothing may
    /// be sent: the coordinator must stop and restart from the store.
    public mutating func handle(batch events: [SchedulerEvent]) throws(StoreError) -> SchedulerBatch {
        let batch = scheduler.handle(batch: events)
        try commit(batch.changes)
        for action in batch.replies.joined() { note(action) }
        for action in batch.actions { note(action) }
        return batch
    }

    /// A PING from `worker`: it is alive. Nothing to commit.
    public mutating func heard(_ worker: WorkerID, now: Date) {
        scheduler.heard(worker, now: now)
    }

    private mutating func commit(_ changes: [StoreChange]) throws(StoreError) {
        try store.apply(changes)
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
        return try store.resumePoint(for: taskID)
    }
}
