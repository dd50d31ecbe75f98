import ArgumentParser
import ColliderCore
import ColliderRunner
import Foundation
import Logging

/// `collider run CONFIG [--task ID | --all] [--results DIR]`: tasks in-process, no coordinator.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one task (or all, in dependency order) in this process, without a coordinator.",
        discussion: """
            A run resumes from the checkpoint in RESULTS/runs/<task-id>/ when there is one; tasks whose \
            summary.json says completed are skipped, so running a finished sweep again sends nothing. \
            An analysis (cherry-pick, a diagnostic) runs the runs it reads first, those not completed yet.
            """)

    @Argument(help: "The sweep config (YAML).")
    var config: String

    @Option(help: "The task id, or a unique prefix of it (see `collider plan --json`).")
    var task: String?

    @Flag(help: "Run every task of the sweep, in dependency order.")
    var all = false

    @Option(help: "The results folder (default: results/<name>).")
    var results: String?

    func validate() throws {
        guard (task == nil) != !all else { throw ValidationError("Give exactly one of --task ID and --all.") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "collider.run")
        logger.logLevel = .warning
        let loaded = try loadConfig(config, purpose: .sendsRequests)
        let sweep = try exitingOnBadInput { try SweepContext(config: loaded.config) }
        let folder = URL(fileURLWithPath: results ?? "results/\(loaded.config.name)")
        try EffectiveConfig.write(loaded.config, results: folder)
        let selected: [SweepTask]
        if let task {
            guard let match = sweep.task(matching: task) else {
                printError("error: no single task of \(config) matches '\(task)'; see `collider plan --json`")
                throw ExitCode(2)
            }
            selected = sweep.withDependencies(match)
            if selected.count > 1 {
                print("\(match.label) reads \(selected.count - 1) run(s); those not completed yet run first")
            }
        } else {
            selected = sweep.tasks
        }
        let llm = try await LLMProvisioner.provision(
            endpoints: loaded.config.endpoints, environment: ProcessInfo.processInfo.environment, logger: logger)
        let executor = TaskExecutor(sweep: sweep, llm: llm.client, results: folder)
        let failed = await executor.executePending(selected) { result in
            switch result {
            case .alreadyDone(let task):
                print("done    \(task.id.prefix(12))  \(task.label)  (already completed, nothing sent)")
            case .completed(let task, let outcome):
                print(
                    "done    \(task.id.prefix(12))  \(task.label)  calls \(outcome.stats.calls.total) "
                        + "(sent \(outcome.sentCalls), replayed \(outcome.replayedCalls))  "
                        + String(format: "$%.4f", outcome.stats.dollars))
            case .failed(let task, let reason):
                print("failed  \(task.id.prefix(12))  \(task.label)  \(reason)")
            }
        }
        await llm.shutdown()
        if failed > 0 { throw ExitCode(1) }
    }
}
