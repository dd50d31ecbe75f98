import Foundation

/// What the scheduler knows of one connected worker.
public struct WorkerRecord: Sendable, Equatable {
    /// The worker's routing id.
    public var id: WorkerID
    /// Changes when the worker process restarts.
    public var incarnation: String
    /// Tasks the worker runs at once; 0 when it did not say.
    public var slots: Int
    /// Tasks the worker may still receive.
    public var credit: Int
    /// When any message from it last arrived.
    public var lastHeard: Date
    /// The leases it holds.
    public var leases: Set<LeaseID>
    /// When the transport saw its connection close, nil while connected or once heard from again.
    public var disconnectedAt: Date?
    /// Set when its connection closed: a TASK or CREDIT may have been lost with it, so the worker
    /// gets nothing more until its HELLO says again which leases it holds and how much it can take.
    public var awaitingHello = false

    public init(id: WorkerID, incarnation: String, slots: Int, lastHeard: Date) {
        self.id = id
        self.incarnation = incarnation
        self.slots = slots
        self.credit = 0
        self.lastHeard = lastHeard
        self.leases = []
        self.disconnectedAt = nil
    }

    /// Adds credit, never past the free slots when the worker said how many it has: a resent
    /// CREDIT must not make the worker look larger than it is.
    mutating func addCredit(_ count: Int) {
        credit += max(0, count)
        if slots > 0 { credit = min(credit, max(0, slots - leases.count)) }
    }
}
