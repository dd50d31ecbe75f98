/// Times, on a ROUTER's I/O thread, each TASK from the CREDIT that asked for it: a peer's credits
/// queue up as they are read, and each TASK handed to ZeroMQ for that peer takes the oldest. When
/// tasks are ready this is the coordinator's dispatch time (the transport thread, the scheduler and
/// encoding, without the network); when none is, it includes the wait for one. A HELLO starts the
/// peer over: a worker that says it again has forgotten the credit it gave before.
struct DispatchTimer {
    /// Credits remembered per peer; more are not timed.
    static let maximumPending = 1024

    private var pending: [[UInt8]: [UInt64]] = [:]

    /// `peer` gave `count` credits at `now` (nanoseconds on a monotonic clock).
    mutating func credited(_ peer: [UInt8], count: Int, at now: UInt64) {
        guard count > 0 else { return }
        var queue = pending.removeValue(forKey: peer) ?? []
        queue.append(contentsOf: repeatElement(now, count: min(count, Self.maximumPending - queue.count)))
        pending[peer] = queue
    }

    /// `peer` said HELLO: its earlier credits no longer stand.
    mutating func introduced(_ peer: [UInt8]) {
        pending[peer] = nil
    }

    /// A TASK for `peer` left at `now`: the nanoseconds since the credit it spends, nil when no
    /// credit of the peer is remembered.
    mutating func taskSent(to peer: [UInt8], at now: UInt64) -> UInt64? {
        guard var queue = pending.removeValue(forKey: peer), !queue.isEmpty else { return nil }
        let credited = queue.removeFirst()
        if !queue.isEmpty { pending[peer] = queue }
        return now >= credited ? now - credited : 0
    }
}
