import ArgumentParser
import ColliderCoordinator
import ColliderCoordinatorService
import Foundation
import Logging

/// `collider status DIR|tcp://HOST:PORT [--json]`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a sweep's tasks per cell and per worker, suspect tasks, failures and cost.",
        discussion: """
            From a results folder it reads collider.sqlite read-only (safe while the sweep runs). \
            From tcp://HOST:PORT it asks the running coordinator, which adds leases in flight and each \
            endpoint's rate-limit state; a coordinator serving CURVE needs --curve-server-key and \
            --curve-keypair with a key pair it allows, as a worker does. docs/report.md describes the \
            --json fields.
            """)

    @Argument(help: "A results folder (holding collider.sqlite) or a coordinator's tcp://HOST:PORT.")
    var target: String

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    @Option(help: "Seconds to wait for a coordinator's answer.")
    var timeout = 10.0

    @OptionGroup var curve: CurveClientOptions

    func run() async throws {
        let report: StatusReport
        if target.hasPrefix("tcp://") {
            var logger = Logger(label: "collider.status")
            logger.logLevel = .error
            let curve = try curve.load()
            do {
                report = try await StatusClient.fetch(target, curve: curve, timeout: .seconds(timeout), logger: logger)
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        } else {
            let database = URL(fileURLWithPath: target).appending(path: "collider.sqlite")
            do {
                report = try SweepStore(readingAt: database).statusReport()
            } catch {
                printError("error: \(error); is \(target) a sweep's results folder (collider sweep --results)?")
                throw ExitCode(2)
            }
        }
        if json {
            FileHandle.standardOutput.write(try StatusReport.encoder.encode(report))
            print()
        } else {
            print(StatusText.render(report), terminator: "")
        }
    }
}
