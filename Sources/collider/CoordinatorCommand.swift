import ArgumentParser
import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderRunner
import ColliderTransport
import Foundation
import Logging

/// `collider coordinator CONFIG --bind tcp://ADDR:PORT [--results DIR]
/// [--curve-secret-key FILE --allow-keys DIR | --insecure]`.
struct CoordinatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Serve a sweep's tasks to workers and store everything they report.",
        discussion: """
            Exits 0 when every task is done, 1 with a summary of failures otherwise. SIGTERM or SIGINT \
            drains: nothing more is leased and the coordinator exits when the leases in flight end.

            A non-loopback --bind needs CURVE (or --insecure for plain TCP on a trusted network). \
            On the coordinator host: `collider keys generate --out keys --name coordinator`; on each \
            worker host: `collider keys generate --out keys --name HOST`. Copy every worker's HOST.pub \
            into one directory here (e.g. keys/workers/) and keys/coordinator.pub to every worker, then \
            run `collider coordinator CONFIG --bind tcp://0.0.0.0:5555 --curve-secret-key \
            keys/coordinator.key --allow-keys keys/workers`. A worker whose key is not in that \
            directory is refused and its public key logged.
            """)

    @Argument(help: "The sweep config (YAML).")
    var config: String

    @Option(help: "The ROUTER address, e.g. tcp://127.0.0.1:5555.")
    var bind: String

    @Option(help: "The results folder (default: results/<name>).")
    var results: String?

    @Option(help: "This coordinator's NAME.key (from `collider keys generate`): serve CURVE. Needs --allow-keys.")
    var curveSecretKey: String?

    @Option(help: "A directory of the workers' .pub files: only those keys get in. Needs --curve-secret-key.")
    var allowKeys: String?

    @Flag(help: "Allow plain TCP (no CURVE) on a non-loopback address.")
    var insecure = false

    @Option(help: "Serve Prometheus metrics on http://METRICS-HOST:PORT/metrics (0 picks a free port).")
    var metricsPort: Int?

    @OptionGroup var scheduling: SchedulingOptions

    @Option(help: "The address the metrics server listens on.")
    var metricsHost = "127.0.0.1"

    func validate() throws {
        try validateMetricsPort(metricsPort)
        guard bind.hasPrefix("tcp://") else { throw ValidationError("--bind must be tcp://ADDRESS:PORT.") }
        guard (curveSecretKey == nil) == (allowKeys == nil) else {
            throw ValidationError(
                "--curve-secret-key and --allow-keys go together: the coordinator's NAME.key and the directory of worker .pub files.")
        }
        guard insecure || curveSecretKey != nil || Self.isLoopback(bind) else {
            throw ValidationError(
                "--bind \(bind) is not a loopback address; serve CURVE there with --curve-secret-key FILE --allow-keys DIR "
                    + "(see `collider keys generate`), or pass --insecure for plain TCP on a trusted network.")
        }
    }

    static func isLoopback(_ address: String) -> Bool {
        let host = address.dropFirst("tcp://".count).split(separator: ":").dropLast().joined(separator: ":")
        return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host.hasPrefix("127.")
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "collider.coordinator")
        logger.logLevel = .notice
        // One descriptor per connected worker: the soft limit (often 1,024) would cap the fleet.
        let fileLimit = OpenFileLimit.raiseToHardLimit()
        var timings = StartupTimings()
        let loaded = try timings.measure("config") { try loadConfig(config, purpose: .sendsRequests) }
        let dataset = try timings.measure("data set") { try exitingOnBadInput { try DatasetLoader.load(loaded.config.dataset) } }
        let sweep = try timings.measure("plan") {
            try exitingOnBadInput { try SweepContext(config: loaded.config, dataset: dataset) }
        }
        let curve = try exitingOnBadKeys {
            try curveSecretKey.map { secretKey in
                try CurveServerSettings.load(
                    secretKeyFile: URL(fileURLWithPath: secretKey),
                    allowListDirectory: URL(fileURLWithPath: allowKeys ?? ""))
            }
        }
        let folder = URL(fileURLWithPath: results ?? "results/\(loaded.config.name)")
        try EffectiveConfig.write(loaded.config, results: folder)
        let service = try await CoordinatorService(
            sweep: sweep, results: folder, bind: bind, policy: scheduling.policy, curve: curve, logger: logger)
        timings.append(service.startupTimings)
        print(timings.line)
        print(
            (curve.map { "transport: CURVE; allowed worker keys: \($0.allowedClientKeys.count)" } ?? "transport: plain TCP")
                + "; open-file limit \(fileLimit)")
        print("coordinator listening on \(service.address)")
        fflush(nil)  // a script (or test) reading a pipe learns the port now, not at exit
        let metrics = try await startMetrics(for: service, host: metricsHost, port: metricsPort, logger: logger)
        let descriptors = Task { [logger] in await watchDescriptors(limit: fileLimit, logger: logger) }
        defer { descriptors.cancel() }
        let display = ProgressDisplay(service: service)
        let progress = Task { await display.run() }
        let summary = try await withDrainOnSignal(service) { try await service.run() }
        progress.cancel()
        await display.finish(await progress.value)
        try? await metrics?.stop()
        if let dispatch = DispatchLatencyLine(service.dispatchLatency) { print(dispatch.text) }
        try reportSummary(summary)
    }
}

/// Every 2 s until cancelled, warns (at most once a minute) when the open descriptors come near
/// `limit`: a worker past it cannot connect, and nothing else would say so.
func watchDescriptors(limit: Int, logger: Logger) async {
    var lastWarning: ContinuousClock.Instant?
    while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(2))
        guard let inUse = OpenFileLimit.inUse(), let warning = OpenFileLimit.warning(inUse: inUse, limit: limit) else {
            continue
        }
        if let lastWarning, ContinuousClock.now - lastWarning < .seconds(60) { continue }
        lastWarning = .now
        logger.warning("\(warning)")
    }
}

/// Runs `body`; SIGTERM or SIGINT meanwhile drains `service`.
func withDrainOnSignal<T: Sendable>(_ service: CoordinatorService, _ body: () async throws -> T) async throws -> T {
    try await TerminationSignals.run(onSignal: { try? await service.drain() }, body)
}

/// Prints the sweep's outcome; exits 1 unless every task is done.
func reportSummary(_ summary: SweepSummary) throws {
    let counts = summary.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("sweep \(summary.reason.rawValue): \(counts); spent " + String(format: "$%.4f", summary.spentUSD))
    for failure in summary.failures {
        print("  failed \(failure.taskID.prefix(12)) [\(failure.failure.rawValue)] \(failure.reason)")
    }
    if !summary.succeeded { throw ExitCode(1) }
}

/// Starts the metrics server when a port was given and prints where it listens.
func startMetrics(for service: CoordinatorService, host: String, port: Int?, logger: Logger) async throws
    -> MetricsServer?
{
    guard let port else { return nil }
    do {
        let server = try await MetricsServer.start(for: service, host: host, port: port, logger: logger)
        print("metrics on http://\(host):\(server.port)/metrics")
        return server
    } catch {
        printError("error: cannot serve metrics on \(host):\(port): \(error); pick another --metrics-port")
        throw ExitCode(2)
    }
}
