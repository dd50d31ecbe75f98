/// Messages the socket would not take yet (its high-water mark was reached), queued per peer so
/// that a slow peer holds up only its own messages, in order. A message that waits longer than the
/// send timeout fails with `EAGAIN`. Lives on the I/O thread.
struct OutboundLanes {
    private struct Lane {
        var queue: [Outbound]
        var head = 0
        /// When the head message first would have blocked.
        var blockedSince: ContinuousClock.Instant
    }

    let sendTimeout: Duration
    private var lanes: [[UInt8]: Lane] = [:]

    init(sendTimeout: Duration) { self.sendTimeout = sendTimeout }

    var isEmpty: Bool { lanes.isEmpty }

    /// When the first waiting message times out, nil when none waits.
    var nextDeadline: ContinuousClock.Instant? {
        lanes.values.map(\.blockedSince).min().map { $0 + sendTimeout }
    }

    /// Sends `outbound` through `send` (which returns false when the socket would block), or queues
    /// it behind messages still waiting for the same `peer`.
    mutating func submit(_ outbound: Outbound, peer: [UInt8], send: (Outbound) -> Bool) {
        if lanes[peer] != nil {
            lanes[peer]?.queue.append(outbound)
        } else if !send(outbound) {
            lanes[peer] = Lane(queue: [outbound], blockedSince: .now)
        }
    }

    /// Retries every lane in order; fails heads that have waited past the timeout with `fail`.
    mutating func retry(send: (Outbound) -> Bool, fail: (Outbound) -> Void) {
        for peer in Array(lanes.keys) {
            guard var lane = lanes[peer] else { continue }
            while lane.head < lane.queue.count {
                let outbound = lane.queue[lane.head]
                if send(outbound) {
                    lane.blockedSince = .now
                } else if ContinuousClock.now - lane.blockedSince >= sendTimeout {
                    fail(outbound)
                    lane.blockedSince = .now
                } else {
                    break
                }
                lane.head += 1
            }
            lanes[peer] = lane.head < lane.queue.count ? lane : nil
        }
    }

    /// Empties every lane into `fail`, for shutdown.
    mutating func drain(_ fail: (Outbound) -> Void) {
        for lane in lanes.values { lane.queue[lane.head...].forEach(fail) }
        lanes.removeAll()
    }
}
