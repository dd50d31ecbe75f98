import ArgumentParser
import ColliderCoordinator
import Foundation

/// `collider bench release`: how long a task stays with a dead worker. The real `collider
/// coordinator` (default policy: 1 s heartbeat, liveness 5, a closed connection's grace 2 s) runs
/// as a child on a generated sweep; one simulated worker per task takes it and dies at a random
/// moment (`ReleaseFleet`); each trial is the time from that death to the task's TASK reaching a
/// standby worker.
struct ReleaseBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Seconds from a worker's death to its task being leased again, over many trials.")

    @Option(help: "Trials: one dying worker and one task each (rounded up to the grid: 32 per seed).")
    var trials: Int = 320

    @Option(help: "Spread the deaths uniformly over this many seconds.")
    var spread: Double = 5

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = 300

    @OptionGroup var output: BenchOutputOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var trials: Int
        var p50Seconds: Double
        var p99Seconds: Double
        var maxSeconds: Double
        var minSeconds: Double
        var heartbeatSeconds: Double
        var liveness: Int
        var disconnectGraceSeconds: Double

        enum CodingKeys: String, CodingKey {
            case trials, liveness
            case p50Seconds = "p50_s"
            case p99Seconds = "p99_s"
            case maxSeconds = "max_s"
            case minSeconds = "min_s"
            case heartbeatSeconds = "heartbeat_s"
            case disconnectGraceSeconds = "disconnect_grace_s"
        }
    }

    func validate() throws {
        guard trials > 0, spread >= 0, timeout > 0 else {
            throw ValidationError("--trials and --timeout must be positive and --spread not negative.")
        }
    }

    func run() async throws {
        _ = try BenchWorkload.openFileLimit(forConnections: trials, what: "\(trials) trials")
        let sweep = try BenchSweep(tasks: trials, name: "release")
        let child = try await ChildCoordinator.start(sweep)
        let settings = ReleaseFleet.Settings(
            address: child.address, victims: sweep.taskCount, spreadSeconds: spread, deadlineSeconds: timeout)
        let seconds: [Double]
        do {
            seconds = try await onOwnThread("bench-release") { try ReleaseFleet.run(settings) }
            try await child.waitForExit()
        } catch {
            await child.kill()
            throw error
        }
        sweep.remove()
        // The coordinator command runs with the default policy.
        let policy = SchedulerPolicy()
        let summary = LatencySummary(seconds)
        let report = Report(
            trials: summary.count, p50Seconds: summary.p50, p99Seconds: summary.p99, maxSeconds: summary.max,
            minSeconds: seconds.min() ?? 0, heartbeatSeconds: policy.heartbeatInterval, liveness: policy.liveness,
            disconnectGraceSeconds: policy.disconnectGrace)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                worker death to re-lease over \(report.trials) trials: p50 \(String(format: "%.2f", report.p50Seconds)) s, \
                p99 \(String(format: "%.2f", report.p99Seconds)) s, max \(String(format: "%.2f", report.maxSeconds)) s
                """)
        }
    }
}
