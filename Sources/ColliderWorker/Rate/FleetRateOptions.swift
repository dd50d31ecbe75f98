/// How a worker takes its share of each endpoint's fleet-wide rate budget (architecture.md,
/// "Rate limits, retries, cost").
public struct FleetRateOptions: Sendable, Equatable {
    /// Each RATE_REQ asks for this many seconds of the endpoint's whole limits: as much as the
    /// worker could use; the coordinator cuts it to the worker's share.
    public var grantSeconds: Double
    /// A new RATE_REQ goes once this fraction of the current grant's length has passed, so the
    /// next grant arrives before this one runs out.
    public var askAhead: Double
    /// Without a RATE_GRANT this long after a RATE_REQ, the coordinator counts as unreachable and
    /// the worker grants itself a local share (and keeps asking).
    public var replyTimeout: Double
    /// The local share, as a fraction of the endpoint's limits, used when the coordinator is
    /// unreachable and never granted this endpoint anything yet. Once it has, the worker keeps to
    /// the rate of its last grant: the coordinator's own split of the limits over the fleet it
    /// saw, already reduced by any back-off. A quarter assumes a small fleet and errs low.
    public var fallbackShare: Double
    /// The worker stops asking for an endpoint nobody called for this long, so its share goes
    /// to the workers that use it.
    public var idleSeconds: Double
    /// How often the worker checks its gates for demand and 429s.
    public var tickInterval: Duration

    /// The defaults: 2 s grants renewed after half, a 2 s reply timeout, a quarter of the limits
    /// as the first fallback share, idle after 5 s, checks every 50 ms.
    public init(
        grantSeconds: Double = 2, askAhead: Double = 0.5, replyTimeout: Double = 2, fallbackShare: Double = 0.25,
        idleSeconds: Double = 5, tickInterval: Duration = .milliseconds(50)
    ) {
        self.grantSeconds = grantSeconds
        self.askAhead = askAhead
        self.replyTimeout = replyTimeout
        self.fallbackShare = fallbackShare
        self.idleSeconds = idleSeconds
        self.tickInterval = tickInterval
    }
}
