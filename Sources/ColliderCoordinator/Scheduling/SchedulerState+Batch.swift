import Foundation

/// What a batch of events asks of the shell: the state changes to commit in one transaction
/// before anything that acknowledges them is sent, each event's own answers, and what the batch
/// as a whole led to.
public struct SchedulerBatch: Sendable, Equatable {
    /// Every state change of the batch, in order.
    public var changes: [StoreChange]
    /// The actions each event asked for (its ACK, cancels, drains), by the event's position.
    public var replies: [[SchedulerAction]]
    /// What follows the batch as a whole: leases granted against the credit its events left, the
    /// ceiling reached, the sweep finished.
    public var actions: [SchedulerAction]
}

extension SchedulerState {
    /// Feeds events that arrived together in order, then hands ready tasks out once against the
    /// credit they left and checks once whether the sweep finished. The end state is the one
    /// feeding them one by one reaches, except that leases go out once, after the whole batch.
    public mutating func handle(batch events: [SchedulerEvent]) -> SchedulerBatch {
        var replies: [[SchedulerAction]] = []
        replies.reserveCapacity(events.count)
        for event in events {
            apply(event)
            replies.append(actions)
            actions.removeAll(keepingCapacity: true)
        }
        if let now = events.last?.now {
            dispatch(now)
            checkFinished(now)
        }
        noteDeadlines(after: events)
        let batch = SchedulerBatch(changes: changes, replies: replies, actions: actions)
        changes.removeAll()
        actions.removeAll()
        return batch
    }

    /// A sign of life from `worker` (a PING): as a `heartbeat` event, its `lastHeard` moves and a
    /// closed connection it was suspected for is forgotten (it is evidently connected); nothing
    /// is stored and no task is handed out, so it needs no commit.
    public mutating func heard(_ worker: WorkerID, now: Date) {
        workers[worker]?.lastHeard = now
        workers[worker]?.disconnectedAt = nil
    }
}
