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
    private let logger: Logger

    /// Opens a sweep from its store after writing the (re-)expanded plan: tasks done before keep
    /// their results, and leases from before a restart wait in reconciliation.
    public init(
        store: SweepStore, tasks: [SweepTask], estimatedUSD: [String: Double] = [:], policy: SchedulerPolicy,
        budget: FleetBudget, logger: Logger, now: Date
    ) throws(StoreError) {
        try store.upsertPlan(tasks, estimatedUSD: estimatedUSD, now: now)
        let snapshot = try store.loadSnapshot()
        self.store = store
        self.scheduler = SchedulerState(restoring: snapshot, policy: policy, now: now)
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
                try store.apply(changes)
            case .markSuspect(let worker, let lease, let taskID, _):
                logger.warning("lease stalled", metadata: ["worker": "\(worker)", "lease": "\(lease)", "task": "\(taskID)"])
                outbound.append(action)
            case .budgetExhausted(let spent, let limit):
                logger.warning("dollar ceiling reached, leasing stops", metadata: ["spent": "\(spent)", "limit": "\(limit)"])
                outbound.append(action)
            case .sweepFinished(let summary):
                logger.info(
                    "sweep finished", metadata: ["reason": "\(summary.reason.rawValue)", "counts": "\(summary.counts)"])
                outbound.append(action)
            case .lease, .ack, .cancel, .drain, .introduce:
                outbound.append(action)
            }
        }
        return outbound
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
    /// call journal since it.
    public func resumePoint(for taskID: String) throws(StoreError) -> ResumePoint {
        try store.resumePoint(for: taskID)
    }
}
