import ArgumentParser
import ColliderCore
import Foundation

/// `collider plan CONFIG [--json]`: what a sweep will do and cost, before a single request.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Validate a sweep config and show its tasks, calls, tokens and dollars per cell.",
        discussion: "Needs no API keys: a missing key is a warning here. See docs/plan.md for the method.")

    @Argument(help: "The sweep config (YAML).")
    var config: String

    @Flag(help: "Print one JSON object (tasks and estimate) instead of the table.")
    var json = false

    func run() throws {
        let loaded = try loadConfig(config, purpose: .dryRun)
        let plan = try exitingOnBadInput { try SweepPlan.make(for: loaded.config) }
        if json {
            FileHandle.standardOutput.write(try plan.jsonData())
            print()
        } else {
            print(plan.table(color: stdoutWantsColor), terminator: "")
        }
    }
}
