import ArgumentParser
import ColliderCore
import ColliderLLM
import Foundation

/// `collider bench client`: the client's own cost. A zero-latency, unlimited simulated provider
/// runs as a child process on loopback, so `getrusage(RUSAGE_SELF)` counts this process — the
/// `OpenAIClient`, its libcurl thread and the workers — and nothing of the server.
struct ClientBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Calls per second and client CPU per call against a zero-latency simulated provider.",
        discussion: """
            A warm-up of a tenth of the calls (at most 500) opens the connections first and is not \
            measured. The child's CPU per call is reported too (`sim_cpu_us_per_call`, startup included).
            """)

    @Option(help: "Measured calls.")
    var calls: Int = 20_000

    @Option(help: "Calls in flight at once.")
    var concurrency: Int = 16

    @OptionGroup var output: BenchOutputOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var callsPerSecond: Double
        var cpuMicrosecondsPerCall: Double
        var simCPUMicrosecondsPerCall: Double
        var calls: Int
        var concurrency: Int
        var failed: Int

        enum CodingKeys: String, CodingKey {
            case calls, concurrency, failed
            case callsPerSecond = "calls_per_second"
            case cpuMicrosecondsPerCall = "cpu_us_per_call"
            case simCPUMicrosecondsPerCall = "sim_cpu_us_per_call"
        }
    }

    func validate() throws {
        guard calls > 0, concurrency > 0 else { throw ValidationError("--calls and --concurrency must be positive.") }
    }

    func run() async throws {
        let logger = BenchWorkload.logger("collider.bench.client")
        let sim = try await ChildSimProvider.start()
        let (client, transport) = try BenchWorkload.client(
            baseURL: sim.baseURL, requestsPerMinute: 0, tokensPerMinute: 0, concurrency: concurrency, logger: logger)
        _ = await Self.drive(client, calls: min(500, max(calls / 10, concurrency)), workers: concurrency, offset: 0)

        let cpuBefore = Self.cpuMicroseconds(RUSAGE_SELF)
        let started = ContinuousClock.now
        let failed = await Self.drive(client, calls: calls, workers: concurrency, offset: 1)
        let wall = (ContinuousClock.now - started).benchSeconds
        let cpu = Self.cpuMicroseconds(RUSAGE_SELF) - cpuBefore

        await transport.shutdown()
        await sim.stop()
        let report = Report(
            callsPerSecond: Double(calls) / wall, cpuMicrosecondsPerCall: cpu / Double(calls),
            simCPUMicrosecondsPerCall: Self.cpuMicroseconds(RUSAGE_CHILDREN) / Double(calls), calls: calls,
            concurrency: concurrency, failed: failed)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                \(String(format: "%.0f", report.callsPerSecond)) calls/s, \
                \(String(format: "%.1f", report.cpuMicrosecondsPerCall)) µs client CPU per call \
                (\(calls) calls, \(concurrency) in flight, \(failed) failed; \
                sim \(String(format: "%.1f", report.simCPUMicrosecondsPerCall)) µs per call)
                """)
        }
    }

    /// Makes `calls` calls from `workers` loops, every body distinct (`offset` separates runs);
    /// returns how many failed.
    static func drive(_ client: OpenAIClient, calls: Int, workers: Int, offset: Int) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                let share = calls / workers + (worker < calls % workers ? 1 : 0)
                group.addTask {
                    var failed = 0
                    for index in 0..<share {
                        let request = BenchWorkload.request(worker: worker, index: offset * calls + index)
                        do { _ = try await client.complete(request) } catch { failed += 1 }
                    }
                    return failed
                }
            }
            return await group.reduce(0, +)
        }
    }

    /// User + system CPU time of `who` in microseconds.
    static func cpuMicroseconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec)
        let system = Double(usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_stime.tv_usec)
        return user + system
    }
}
