import ArgumentParser
import ColliderCoordinator
import ColliderTransport
import Foundation

/// `collider bench restart`: how soon a restarted coordinator leases again. A store is filled as a
/// long sweep killed midway would have left it (`RestartStore`); then, per trial, the real
/// `collider coordinator` starts on it as a child process and one simulated worker connects as
/// soon as its port accepts connections, says HELLO and CREDIT 1, and waits for its TASK. A trial is the
/// time from starting the process to that TASK; the coordinator is SIGKILLed after it.
struct RestartBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Seconds from starting a coordinator on a large store to its first lease.")

    @Option(help: "Rows each of the event log, the call journal and usage in the store.")
    var events: Int = 100_000

    @Option(help: "Tasks in the plan (rounded up to the grid: 32 per seed); half are done.")
    var tasks: Int = 10_000

    @Option(help: "Restarts measured.")
    var trials: Int = 5

    @OptionGroup var output: BenchOutputOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var secondsToFirstLease: [Double]
        var p50Seconds: Double
        var maxSeconds: Double
        var listeningSeconds: [Double]
        /// CPU seconds each restarted coordinator used, user + system: on a loaded machine the
        /// wall-clock figures mostly measure the wait for a core.
        var cpuSeconds: [Double]
        /// Per restart, the seconds of each start-up stage the coordinator printed
        /// (`StartupTimings`).
        var startupPhases: [[String: Double]]
        var store: RestartStore.Contents

        enum CodingKeys: String, CodingKey {
            case store
            case secondsToFirstLease = "seconds_to_first_lease"
            case p50Seconds = "p50_s"
            case maxSeconds = "max_s"
            case listeningSeconds = "seconds_to_listening"
            case cpuSeconds = "coordinator_cpu_s"
            case startupPhases = "startup_phases_s"
        }
    }

    func validate() throws {
        guard events > 0, tasks > 1, trials > 0 else {
            throw ValidationError("--events and --trials must be positive and --tasks at least 2.")
        }
    }

    func run() async throws {
        let sweep = try BenchSweep(tasks: tasks, name: "restart")
        let contents = try RestartStore.fill(sweep, events: events)
        var leases: [Double] = []
        var listening: [Double] = []
        var cpu: [Double] = []
        var phases: [[String: Double]] = []
        for _ in 0..<trials {
            let before = ChildUsage.now().cpuSeconds
            let child = try await ChildCoordinator.start(sweep)
            let address = child.address
            let leasedAt: UInt64
            do {
                leasedAt = try await onOwnThread("bench-restart") { try Self.firstLease(from: address) }
            } catch {
                await child.kill()
                throw error
            }
            await child.kill()
            phases.append(try Self.startupPhases(in: child.log))
            cpu.append(ChildUsage.now().cpuSeconds - before)
            listening.append(BenchClock.milliseconds(from: child.startedAt, to: child.listeningAt) / 1000)
            leases.append(BenchClock.milliseconds(from: child.startedAt, to: leasedAt) / 1000)
        }
        sweep.remove()
        let summary = LatencySummary(leases)
        let report = Report(
            secondsToFirstLease: leases, p50Seconds: summary.p50, maxSeconds: summary.max, listeningSeconds: listening,
            cpuSeconds: cpu, startupPhases: phases, store: contents)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                restart to first lease over \(trials) restarts: p50 \(String(format: "%.2f", summary.p50)) s, \
                max \(String(format: "%.2f", summary.max)) s (store: \(contents.events) events, journal entries and \
                usage rows, \(contents.tasks) tasks, \(String(format: "%.0f", contents.storeMegabytes)) MB)
                """)
        }
    }

    /// The stages of the coordinator's start, from the `startup:` line it printed.
    private static func startupPhases(in log: URL) throws -> [String: Double] {
        let text = try String(contentsOf: log, encoding: .utf8)
        guard let timings = text.split(separator: "\n").lazy.compactMap({ StartupTimings(line: $0) }).last else {
            throw BenchChildError(what: "the coordinator printed no start-up timings; see \(log.path)")
        }
        return Dictionary(timings.phases.map { ($0.name, $0.seconds) }, uniquingKeysWith: +)
    }

    /// Connects one worker, asks for a task and returns when its TASK arrives (`BenchClock`).
    private static func firstLease(from address: String) throws -> UInt64 {
        let dealers = try BenchDealers(ids: ["bench-restart-\(UUID().uuidString.prefix(8))"], address: address)
        dealers.send(.hello(Hello(workerID: dealers.ids[0], incarnation: 1, slots: 1)), from: 0)
        dealers.send(.credit(Credit(n: 1)), from: 0)
        let deadline = BenchClock.now() + 120 * 1_000_000_000
        var leasedAt: UInt64?
        while leasedAt == nil {
            guard BenchClock.now() < deadline else {
                throw BenchChildError(what: "the restarted coordinator leased nothing within 120 s")
            }
            try dealers.receive(timeoutMilliseconds: 100) { _, envelope in
                if case .task = envelope.message { leasedAt = BenchClock.now() }
            }
        }
        return leasedAt ?? 0
    }
}
