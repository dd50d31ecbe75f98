import ArgumentParser

/// The `collider` command: plan, run and report multi-objective TextGrad sweeps.
@main
struct Collider: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collider",
        abstract: "Distributed sweeps of multi-objective TextGrad prompt optimization for LLM judges.",
        version: ColliderVersion.description,
        subcommands: [
            PlanCommand.self, SweepCommand.self, ResumeCommand.self, CoordinatorCommand.self, WorkerCommand.self,
            RunCommand.self, ReportCommand.self, DataCommand.self, SimProviderCommand.self, BenchCommand.self,
            KeysCommand.self, VersionCommand.self,
        ]
    )
}
