import ArgumentParser
import ColliderCoordinator

/// The coordinator's scheduling options (`coordinator`, `sweep`, `resume`).
struct SchedulingOptions: ParsableArguments {
    @Option(help: "Seconds between the heartbeats workers are expected to send (their --heartbeat: at most this).")
    var heartbeatInterval: Double = 1

    @Option(help: "Heartbeat intervals of silence after which a worker's leases are given up.")
    var liveness: Int = 5

    @Option(help: "Seconds SIGTERM/SIGINT waits for the tasks in flight before cancelling them (they resume from their checkpoints).")
    var drainTimeout = 60.0

    func validate() throws {
        guard heartbeatInterval >= 0.05, heartbeatInterval <= 60 else {
            throw ValidationError("--heartbeat-interval must be between 0.05 and 60 seconds (default 1).")
        }
        guard liveness >= 2 else {
            throw ValidationError("--liveness must be at least 2 heartbeats (default 5): one late heartbeat must not cost a worker its leases.")
        }
        guard drainTimeout >= 0 else { throw ValidationError("--drain-timeout must be 0 or more seconds.") }
    }

    /// The scheduler policy these options choose; the rest keeps its defaults.
    var policy: SchedulerPolicy {
        SchedulerPolicy(heartbeatInterval: heartbeatInterval, liveness: liveness, drainTimeout: drainTimeout)
    }
}
