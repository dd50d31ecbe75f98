/// A lease a worker says it still holds when it says HELLO (after a reconnect or a coordinator
/// restart).
public struct HeldLease: Sendable, Hashable, Codable {
    /// The lease.
    public var lease: LeaseID
    /// The task it runs.
    public var taskID: String

    public init(lease: LeaseID, taskID: String) {
        self.lease = lease
        self.taskID = taskID
    }
}
