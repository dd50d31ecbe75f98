import ArgumentParser
import ColliderReport
import Foundation

/// `collider report DIR [--config FILE] [--json]`: rebuilds a results folder's tables, plots and
/// `report.html` from its records, deterministically (same records → same bytes).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild tables/, plots/ and report.html of a results folder from its run records.",
        discussion: "Missing, failed or unfinished runs are listed, not fatal; cells show how many seeds they have.")

    @Argument(help: "The results folder, e.g. results/quickstart (holds sweep.yaml and runs/).")
    var directory: String

    @Option(help: "The sweep config to use when the folder has no sweep.yaml.")
    var config: String?

    @Flag(help: "Print one JSON object (files written, missing and failed tasks) instead of a summary.")
    var json = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a folder")
        }
    }

    func run() throws {
        let outcome: ReportOutcome
        do {
            outcome = try ReportWriter.generate(
                directory: URL(fileURLWithPath: directory), configPath: config,
                environment: ProcessInfo.processInfo.environment)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(outcome))
            print()
            return
        }
        print("\(outcome.sweep): \(outcome.files.count) files, \(outcome.cells) cells, \(outcome.runsWithRecords) runs with records")
        for problem in outcome.problems {
            let step = problem.lastStep.map { ", last step \($0)" } ?? ""
            print("  \(problem.kind.rawValue): \(problem.label)\(step)\(problem.detail.map { ": \($0)" } ?? "")")
        }
    }
}
