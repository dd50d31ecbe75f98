import ColliderTransport
import Foundation

/// `bench dispatch` split across two hosts, so that the simulated fleet does not share the
/// coordinator's cores: `--write-sweep DIR` writes the benchmark's sweep for a coordinator started
/// by hand, and `--connect tcp://HOST:PORT` runs only the fleet, one latency sweep, against it.
/// The coordinator prints its own share of the latency (its closing `dispatch:` line).
extension DispatchBenchCommand {
    /// What `--connect … --json` prints: the latency sweep's fields of `Report`, measured by the fleet.
    struct RemoteReport: Encodable {
        var coordinator: String
        var workers: Int
        var tasks: Int
        var fleet: FleetTransport
        var p99Milliseconds: Double
        var latency: LatencySummary
        var latencyRate: Double
        var hold: HoldDistribution
        var latencyAchievedRate: Double
        var connectSeconds: Double
        var fleetCPUSeconds: Double

        enum CodingKeys: String, CodingKey {
            case coordinator, workers, tasks, latency, fleet
            case p99Milliseconds = "p99_ms"
            case latencyRate = "latency_offered_rate"
            case hold = "latency_hold"
            case latencyAchievedRate = "latency_achieved_rate"
            case connectSeconds = "connect_seconds"
            case fleetCPUSeconds = "fleet_cpu_s"
        }
    }

    /// Writes the sweep into `path` and prints how to serve it.
    func writeSweep(into path: String) throws {
        let sweep = try BenchSweep(tasks: tasks, name: "dispatch", folder: URL(fileURLWithPath: path))
        print(
            """
            wrote a \(sweep.taskCount)-task sweep to \(sweep.folder.path); on the coordinator host, serve a fresh copy of it \
            for each run (a finished sweep leases nothing):
              rm -rf \(sweep.results.path) && collider coordinator \(sweep.config.path) --bind tcp://0.0.0.0:5555 \
            --results \(sweep.results.path) --insecure
            then, on the fleet host: collider bench dispatch --connect tcp://COORDINATOR:5555 --tasks \(tasks) \
            --workers \(workers) --json
            """)
    }

    /// Runs the latency sweep's fleet against the coordinator at `address`.
    func runFleet(against address: String) async throws {
        _ = try fleetOpenFileLimit()
        let expected = BenchSweep.taskCount(forAtLeast: tasks)
        let settings = fleetSettings(address: address, holdSeconds: Double(workers) / latencyRate, tasks: expected)
        let outcome: DispatchFleet.Outcome
        do {
            outcome = try await onOwnThread("bench-fleet") { try DispatchFleet.run(settings) }
        } catch let error as BenchChildError {
            throw BenchChildError(
                what: "\(error.what); is a coordinator serving a fresh sweep at \(address)? (one whose sweep is "
                    + "finished exits at once: remove its results folder first)")
        }
        guard outcome.acknowledged == expected else {
            throw BenchChildError(
                what: "\(outcome.acknowledged) of \(expected) results were acknowledged by \(address): serve a fresh "
                    + "sweep written by `bench dispatch --write-sweep` with the same --tasks (\(tasks))")
        }
        let latency = LatencySummary(outcome.latencies)
        let report = RemoteReport(
            coordinator: address, workers: workers, tasks: expected, fleet: fleet, p99Milliseconds: latency.p99, latency: latency,
            latencyRate: latencyRate, hold: hold, latencyAchievedRate: outcome.steadyRate,
            connectSeconds: outcome.connectSeconds,
            fleetCPUSeconds: ClientBenchCommand.cpuMicroseconds(RUSAGE_SELF) / 1e6)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                dispatch latency at \(Int(latencyRate)) tasks/s offered (\(expected) tasks, \(workers) workers, coordinator \
                \(address)): p50 \(String(format: "%.2f", latency.p50)) ms, p99 \(String(format: "%.2f", latency.p99)) ms; \
                the coordinator's share is in its closing `dispatch:` line
                """)
        }
    }
}
