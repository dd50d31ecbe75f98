/// What the scheduler needs from the store to start again after a restart.
public struct SchedulerSnapshot: Sendable, Equatable {
    /// Every task of the plan, in plan order.
    public var tasks: [TaskRecord]
    /// The task of every lease ever issued, so that a late message of an old lease is understood.
    public var leaseTasks: [LeaseID: String]
    /// Dollars spent so far.
    public var spentUSD: Double
    /// Leases issued so far; new lease ids continue from here, after `leaseNumberGap`.
    public var leaseCount: Int
    /// Lease numbers skipped after `leaseCount`: a coordinator that stopped may have sent leases
    /// whose commit had not happened yet, and their ids must not be issued again.
    public var leaseNumberGap = 0

    public init(tasks: [TaskRecord], leaseTasks: [LeaseID: String] = [:], spentUSD: Double = 0, leaseCount: Int = 0) {
        self.tasks = tasks
        self.leaseTasks = leaseTasks
        self.spentUSD = spentUSD
        self.leaseCount = leaseCount
    }
}
