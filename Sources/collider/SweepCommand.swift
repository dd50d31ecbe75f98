import ArgumentParser
import ColliderCore
import ColliderRunner
import Foundation

/// `collider sweep CONFIG [--workers N] [--results DIR] [--allow-over-budget]`.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a whole sweep: a coordinator, N local workers and, for sim endpoints, one simulated provider.",
        discussion: """
            Exits 0 when every task is done. Running a finished sweep again sends no request. \
            Continue an interrupted sweep with `collider resume results/<name>`.
            """)

    @Argument(help: "The sweep config (YAML).")
    var config: String

    @OptionGroup var launch: LaunchOptions

    @Option(help: "The results folder (default: results/<name>).")
    var results: String?

    @Flag(help: "Run even when the plan's estimate is over budget.max_usd.")
    var allowOverBudget = false

    func run() async throws {
        let loaded = try loadConfig(config, purpose: .sendsRequests)
        let plan = try exitingOnBadInput { try SweepPlan.make(for: loaded.config) }
        if plan.isOverBudget && !allowOverBudget {
            printError(plan.budgetVerdict(color: false))
            printError("error: the estimate is over budget.max_usd; raise it or pass --allow-over-budget")
            throw ExitCode(2)
        }
        let folder = URL(fileURLWithPath: results ?? "results/\(loaded.config.name)")
        try await SweepLauncher(config: loaded.config, results: folder, launch: launch).run()
    }
}

/// `collider resume results/<name> [--workers N]`.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a sweep from its results folder (its sweep.json and collider.sqlite).")

    @Argument(help: "The sweep's results folder, e.g. results/quickstart.")
    var results: String

    @OptionGroup var launch: LaunchOptions

    func run() async throws {
        let folder = URL(fileURLWithPath: results)
        let config: SweepConfig
        do {
            config = try EffectiveConfig.read(results: folder)
        } catch {
            printError("error: \(results) holds no readable \(EffectiveConfig.fileName) (\(error)); is it a sweep's results folder?")
            throw ExitCode(2)
        }
        try await SweepLauncher(config: config, results: folder, launch: launch).run()
    }
}

/// Options of the commands that start local workers.
struct LaunchOptions: ParsableArguments {
    @Option(help: "Local worker processes to start.")
    var workers = 2

    @Option(help: "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics (0 picks a free port).")
    var metricsPort: Int?

    @OptionGroup var scheduling: SchedulingOptions

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be in 1...64.") }
        try validateMetricsPort(metricsPort)
    }
}

/// `--metrics-port` must be a TCP port (0 for any free one).
func validateMetricsPort(_ port: Int?) throws {
    if let port, !(0...65_535).contains(port) { throw ValidationError("--metrics-port must be in 0...65535.") }
}
