import ColliderTransport
import Foundation

/// How a worker connects and works.
public struct WorkerOptions: Sendable {
    /// The coordinator's ZeroMQ address, e.g. `tcp://127.0.0.1:5555`.
    public var connect: String
    /// The stable worker id, also the DEALER routing id.
    public var workerID: String
    /// Tasks run at once.
    public var slots: Int
    /// Where task records go; nil: `results/<sweep name>`. Unacknowledged results wait in
    /// `.outbox/<worker-id>/` under it (under `results/` when nil).
    public var results: URL?
    /// Environment for API keys.
    public var environment: [String: String]
    /// How often the worker pings and renews its leases with PROGRESS.
    public var heartbeat: Duration
    /// Silence from the coordinator after which the worker introduces itself again (it may have
    /// restarted and forgotten this worker).
    public var coordinatorSilence: Duration
    /// The coordinator's public key and this worker's key pair, for a coordinator serving CURVE;
    /// nil for plain TCP.
    public var curve: CurveClientSettings?
    /// How the worker takes its share of the fleet rate budget.
    public var rate = FleetRateOptions()

    /// Options with the defaults of architecture.md (1 s heartbeat, re-HELLO after 5 s of silence).
    public init(
        connect: String, workerID: String, slots: Int = 1, results: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, heartbeat: Duration = .seconds(1),
        coordinatorSilence: Duration = .seconds(5), curve: CurveClientSettings? = nil
    ) {
        self.connect = connect
        self.workerID = workerID
        self.slots = slots
        self.results = results
        self.environment = environment
        self.heartbeat = heartbeat
        self.coordinatorSilence = coordinatorSilence
        self.curve = curve
    }
}
