import ArgumentParser
import ColliderCoordinator

/// The coordinator's scheduling options (`coordinator`, `sweep`, `resume`).
struct SchedulingOptions: ParsableArguments {
    @Option(help: "Seconds SIGTERM/SIGINT waits for the tasks in flight before cancelling them (they resume from their checkpoints).")
    var drainTimeout = 60.0

    func validate() throws {
        guard drainTimeout >= 0 else { throw ValidationError("--drain-timeout must be 0 or more seconds.") }
    }

    /// The scheduler policy these options choose; the rest keeps its defaults.
    var policy: SchedulerPolicy { SchedulerPolicy(drainTimeout: drainTimeout) }
}
