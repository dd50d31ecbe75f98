import ArgumentParser
import ColliderTransport
import Foundation

/// `collider bench dispatch`: how fast one coordinator hands out tasks. The real `collider
/// coordinator` runs as a child process on a generated sweep (SQLite store in a temporary folder);
/// this process plays the workers: one DEALER connection per worker over loopback TCP, speaking
/// the real protocol, answering every TASK with a RESULT and new CREDIT (`DispatchFleet`). The
/// fleet's thread writes ZMTP itself (`ZMTPDealers`), so that the simulated workers, which share
/// the coordinator's cores, cost it as little as they can; `--fleet libzmq` runs them on libzmq
/// DEALER sockets instead.
///
/// Two sweeps run one after the other. **Throughput**: the workers answer at once, so the
/// coordinator is the bottleneck; `tasks_per_second` is results acknowledged per second from the
/// first TASK to the last ACK. **Latency**: each worker holds its task `workers ÷ rate` seconds on
/// average (`--hold`: exponentially distributed by default, as independent workers' tasks end;
/// `fixed` keeps the workers in lockstep), offering `--latency-rate` tasks per second in all;
/// `latency_achieved_rate` is the rate it ran at (middle 80 % of the sweep); `p99_ms` is the 99th
/// percentile of the time from a worker's CREDIT to its TASK, every worker connected before the
/// first CREDIT (connecting took `connect_seconds`). With every worker always hungry, as in the
/// first sweep, that time is just the queue: `workers ÷ throughput`, by Little's law.
///
/// With `--write-sweep` and `--connect`, the coordinator and the fleet run on two hosts
/// (DispatchBenchCommand+Remote.swift).
struct DispatchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Tasks per second, dispatch latency and memory of a coordinator serving simulated workers.")

    @Option(help: "Simulated workers, one DEALER socket and one slot each.")
    var workers: Int = 1000

    @Option(help: "Tasks per sweep (rounded up to the grid: 32 per seed).")
    var tasks: Int = 10_000

    @Option(help: "Tasks per second the workers offer in the latency sweep.")
    var latencyRate: Double = 5000

    @Option(help: "How long the latency sweep's workers hold each task: 'exponential' around workers ÷ rate, or 'fixed' at it.")
    var hold: HoldDistribution = .exponential

    @Option(help: "What the simulated workers speak ZeroMQ with: 'zmtp' (written by the fleet's thread on TCP sockets, no libzmq I/O thread beside the coordinator's) or 'libzmq' (DEALER sockets).")
    var fleet: FleetTransport = .zmtp

    @Option(help: "Give up on a sweep after this many seconds.")
    var timeout: Double = 600

    @Option(help: "Run only the simulated workers and only the latency sweep, against the coordinator at this address (serving a sweep from --write-sweep, e.g. on another host).")
    var connect: String?

    @Option(help: "Write the benchmark's sweep (data set and config) into this folder for a coordinator started by hand, print how to serve it, and exit.")
    var writeSweep: String?

    @OptionGroup var output: BenchOutputOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var tasksPerSecond: Double
        var p99Milliseconds: Double
        var rssMegabytes: Double
        var workers: Int
        var tasks: Int
        var fleet: FleetTransport
        var throughputSeconds: Double
        var coordinatorCPUMicrosecondsPerTask: Double
        /// The coordinator's CPU per task in the latency sweep, start-up included as in the
        /// throughput sweep's: its small batches cost more per task than large ones.
        var latencyCoordinatorCPUMicrosecondsPerTask: Double
        var saturatedLatency: LatencySummary
        var latencyRate: Double
        var hold: HoldDistribution
        var latencyAchievedRate: Double
        var latency: LatencySummary
        /// The latency sweep's dispatch time inside the coordinator, as it printed it
        /// (`DispatchLatencyLine`): the part of `latency` that is neither the network nor the fleet.
        var coordinatorLatency: DispatchLatencyLine
        /// How long the latency sweep's workers took to connect, before the first CREDIT.
        var connectSeconds: Double
        var openFileLimit: Int
        /// This process's CPU seconds (the simulated fleet: it shares the machine's cores with
        /// the coordinator).
        var fleetCPUSeconds: Double

        enum CodingKeys: String, CodingKey {
            case workers, tasks, latency, fleet
            case tasksPerSecond = "tasks_per_second"
            case p99Milliseconds = "p99_ms"
            case rssMegabytes = "rss_mb"
            case throughputSeconds = "throughput_seconds"
            case coordinatorCPUMicrosecondsPerTask = "coordinator_cpu_us_per_task"
            case latencyCoordinatorCPUMicrosecondsPerTask = "latency_coordinator_cpu_us_per_task"
            case saturatedLatency = "saturated_latency_ms"
            case latencyRate = "latency_offered_rate"
            case hold = "latency_hold"
            case latencyAchievedRate = "latency_achieved_rate"
            case connectSeconds = "connect_seconds"
            case openFileLimit = "open_file_limit"
            case fleetCPUSeconds = "fleet_cpu_s"
            case coordinatorLatency = "coordinator_latency_ms"
        }
    }

    func validate() throws {
        guard workers > 0, tasks > 0, latencyRate > 0, timeout > 0 else {
            throw ValidationError("--workers, --tasks, --latency-rate and --timeout must be positive.")
        }
        guard connect == nil || writeSweep == nil else {
            throw ValidationError("--connect runs the fleet and --write-sweep writes the coordinator's sweep: give one.")
        }
        if let connect, !connect.hasPrefix("tcp://") { throw ValidationError("--connect must be tcp://HOST:PORT.") }
    }

    func run() async throws {
        if let writeSweep { return try self.writeSweep(into: writeSweep) }
        if let connect { return try await runFleet(against: connect) }
        let fileLimit = try fleetOpenFileLimit()
        let before = ChildUsage.now()
        let saturated = try await sweep(holdSeconds: 0)
        let between = ChildUsage.now()
        let paced = try await sweep(holdSeconds: Double(workers) / latencyRate)
        let usage = ChildUsage.now()
        let cpu = between.cpuSeconds - before.cpuSeconds
        let pacedCPU = usage.cpuSeconds - between.cpuSeconds

        let seconds = BenchClock.milliseconds(from: saturated.outcome.firstTaskAt, to: saturated.outcome.lastAckAt) / 1000
        let latency = LatencySummary(paced.outcome.latencies)
        let report = Report(
            tasksPerSecond: Double(saturated.outcome.acknowledged) / seconds, p99Milliseconds: latency.p99,
            rssMegabytes: usage.peakRSSMegabytes, workers: workers, tasks: saturated.tasks, fleet: fleet,
            throughputSeconds: seconds,
            coordinatorCPUMicrosecondsPerTask: cpu * 1e6 / Double(saturated.tasks),
            latencyCoordinatorCPUMicrosecondsPerTask: pacedCPU * 1e6 / Double(paced.tasks),
            saturatedLatency: LatencySummary(saturated.outcome.latencies), latencyRate: latencyRate, hold: hold,
            latencyAchievedRate: paced.outcome.steadyRate, latency: latency,
            coordinatorLatency: paced.coordinator,
            connectSeconds: paced.outcome.connectSeconds, openFileLimit: fileLimit,
            fleetCPUSeconds: ClientBenchCommand.cpuMicroseconds(RUSAGE_SELF) / 1e6)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                \(String(format: "%.0f", report.tasksPerSecond)) tasks/s (\(report.tasks) tasks, \(workers) workers, \
                \(String(format: "%.1f", seconds)) s); dispatch latency at \(Int(latencyRate)) tasks/s: \
                p50 \(String(format: "%.2f", latency.p50)) ms, p99 \(String(format: "%.2f", latency.p99)) ms \
                (inside the coordinator: p99 \(String(format: "%.2f", paced.coordinator.p99Milliseconds)) ms); \
                coordinator peak RSS \(String(format: "%.1f", report.rssMegabytes)) MB
                """)
        }
    }

    /// Raises the open-file limit for the fleet and returns it; throws when it is still too low.
    func fleetOpenFileLimit() throws -> Int {
        try BenchWorkload.openFileLimit(forConnections: workers, what: "\(workers) workers")
    }

    /// The fleet of this command's options against `address`, holding each task `holdSeconds`.
    func fleetSettings(address: String, holdSeconds: Double, tasks: Int) -> DispatchFleet.Settings {
        DispatchFleet.Settings(
            address: address, transport: fleet, workers: workers, holdSeconds: holdSeconds, holds: hold, tasks: tasks,
            deadlineSeconds: timeout)
    }

    /// One sweep against a fresh coordinator child; workers hold each task `holdSeconds`.
    private func sweep(holdSeconds: Double) async throws -> (
        outcome: DispatchFleet.Outcome, tasks: Int, coordinator: DispatchLatencyLine
    ) {
        let sweep = try BenchSweep(tasks: tasks, name: "dispatch")
        let child = try await ChildCoordinator.start(sweep)
        let settings = fleetSettings(address: child.address, holdSeconds: holdSeconds, tasks: sweep.taskCount)
        let outcome: DispatchFleet.Outcome
        do {
            outcome = try await onOwnThread("bench-fleet") { try DispatchFleet.run(settings) }
            try await child.waitForExit()
        } catch {
            await child.kill()
            throw error
        }
        guard outcome.acknowledged == sweep.taskCount else {
            throw BenchChildError(
                what: "\(outcome.acknowledged) of \(sweep.taskCount) results were acknowledged; see \(child.log.path)")
        }
        let text = try String(contentsOf: child.log, encoding: .utf8)
        guard let coordinator = text.split(separator: "\n").lazy.compactMap({ DispatchLatencyLine(line: $0) }).last else {
            throw BenchChildError(what: "the coordinator printed no dispatch line; see \(child.log.path)")
        }
        sweep.remove()
        return (outcome, sweep.taskCount, coordinator)
    }
}
