import ArgumentParser
import ColliderWorker
import Foundation
import Logging

/// `collider worker --connect tcp://HOST:PORT [--slots N] [--id NAME] [--results DIR]`.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Connect to a coordinator and run the tasks it leases.",
        discussion: "Exits after the coordinator sends DRAIN and every result is acknowledged.")

    @Option(help: "The coordinator's address, e.g. tcp://127.0.0.1:5555.")
    var connect: String

    @Option(help: "Tasks to run at once.")
    var slots = 1

    @Option(help: "A stable worker id (default: HOSTNAME-PID).")
    var id: String?

    @Option(help: "The results folder (default: results/<sweep name>).")
    var results: String?

    @Flag(help: "Log at debug level to standard error.")
    var verbose = false

    @OptionGroup var parentWatch: ParentWatchOptions

    func validate() throws {
        guard connect.hasPrefix("tcp://") else { throw ValidationError("--connect must be tcp://HOST:PORT.") }
        guard slots >= 1 else { throw ValidationError("--slots must be at least 1.") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let watch = parentWatch.start()
        defer { watch?.cancel() }
        var logger = Logger(label: "collider.worker")
        logger.logLevel = verbose ? .debug : .warning
        let workerID = id ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        let worker = Worker(
            options: WorkerOptions(
                connect: connect, workerID: workerID, slots: slots, results: results.map { URL(fileURLWithPath: $0) }),
            logger: logger)
        try await worker.run()
    }
}
