import ArgumentParser
import ColliderCore
import ColliderTransport
import ColliderWorker
import Foundation
import Logging

/// `collider worker --connect tcp://HOST:PORT [--slots N] [--id NAME] [--results DIR]`.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Connect to a coordinator and run the tasks it leases.",
        discussion: """
            Exits after the coordinator sends DRAIN and every result is acknowledged. SIGTERM or \
            SIGINT makes it leave at once: its running tasks stop and go back to the coordinator, which \
            leases them again (resuming from their checkpoints) without spending a retry.

            For a coordinator serving CURVE: make this worker's key pair with `collider keys generate \
            --out keys --name HOST`, copy keys/HOST.pub into the coordinator's --allow-keys directory, \
            copy the coordinator's coordinator.pub here, and run `collider worker --connect \
            tcp://COORDINATOR:5555 --curve-server-key coordinator.pub --curve-keypair keys/HOST.key`. \
            A key the coordinator does not allow is refused: the worker exits with an error naming \
            its public key (the coordinator logs it too). A wrong server key, or CURVE on one side \
            only, fails the handshake: logged once, and retried.
            """)

    @Option(help: "The coordinator's address, e.g. tcp://127.0.0.1:5555.")
    var connect: String

    @Option(help: "Tasks to run at once.")
    var slots = 1

    @Option(help: "A stable worker id (default: HOSTNAME-PID).")
    var id: String?

    @Option(help: "The results folder (default: results/<sweep name>).")
    var results: String?

    @OptionGroup var curve: CurveClientOptions

    @Option(help: "Seconds between heartbeats; at most the coordinator's --heartbeat-interval.")
    var heartbeat: Double = 1

    @Flag(help: "Log at debug level to standard error.")
    var verbose = false

    @OptionGroup var parentWatch: ParentWatchOptions

    func validate() throws {
        guard connect.hasPrefix("tcp://") else { throw ValidationError("--connect must be tcp://HOST:PORT.") }
        guard slots >= 1 else { throw ValidationError("--slots must be at least 1.") }
        guard heartbeat >= 0.05, heartbeat <= 60 else {
            throw ValidationError("--heartbeat must be between 0.05 and 60 seconds (default 1).")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let watch = parentWatch.start()
        defer { watch?.cancel() }
        var logger = Logger(label: "collider.worker")
        logger.logLevel = verbose ? .debug : .warning
        let curve = try curve.load()
        let workerID = id ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        let worker = Worker(
            options: WorkerOptions(
                connect: connect, workerID: workerID, slots: slots, results: results.map { URL(fileURLWithPath: $0) },
                heartbeat: .milliseconds(Int((heartbeat * 1000).rounded())), curve: curve),
            logger: logger)
        try await TerminationSignals.run(onSignal: { await worker.leave() }) { try await worker.run() }
    }
}
