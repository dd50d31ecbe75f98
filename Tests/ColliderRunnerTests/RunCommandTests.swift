import ColliderCore
import ColliderRunner
import ColliderTesting
import Foundation
import Testing

/// `collider run CONFIG --task ID` as a user runs it: a real process against the simulated
/// provider it starts in-process.
@Suite(.timeLimit(.minutes(3)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct RunCommandTests {
    /// One run of every mode, then each analysis; an analysis whose runs are missing runs them
    /// first (cherry-pick: the four Single-Task runs).
    @Test func everyModeAndEveryAnalysisCompletes() async throws {
        let fixtures = try SweepFixtures(modes: "single, SSS, SSC, SCC, CCC", diagnostics: true)
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: try fixtures.config())
        let runs = [Mode.SSS, .SSC, .SCC, .CCC].compactMap { mode in sweep.tasks.first { $0.kind == .run && $0.mode == mode } }
        let cherryPick = try #require(sweep.tasks.first { $0.kind == .cherryPick })
        let specificity = try #require(sweep.tasks.first { $0.kind == .gradientSpecificity && $0.mode == .SCC })
        let adherence = try #require(sweep.tasks.first { $0.kind == .feedbackAdherence && $0.mode == .single })
        #expect(runs.count == 4)

        for task in runs + [cherryPick, specificity, adherence] {
            let (status, stdout, stderr) = try await ColliderProcess.run([
                "run", fixtures.configPath, "--task", String(task.id.prefix(16)), "--results", fixtures.results.path,
            ])
            let output = stdout + stderr
            #expect(status == 0, "\(task.label): \(output)")
            #expect(output.contains("done    \(task.id.prefix(12))  \(task.label)"), "\(output)")
            for needed in sweep.withDependencies(task) {
                #expect(TaskRecords.isDone(results: fixtures.results, taskID: needed.id), "\(needed.label) not completed")
            }
            if task.id == cherryPick.id {
                #expect(output.contains("reads 4 run(s); those not completed yet run first"), "\(output)")
            }
        }
        // A completed analysis and its run, asked for again: nothing is sent.
        let (status, stdout, stderr) = try await ColliderProcess.run(
            ["run", fixtures.configPath, "--task", specificity.id, "--results", fixtures.results.path])
        let output = stdout + stderr
        #expect(status == 0)
        #expect(output.contains("already completed, nothing sent"), "\(output)")
        let result = try Data(contentsOf: TaskRecords.directory(results: fixtures.results, taskID: adherence.id).appending(path: "result.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: result) as? [String: Any])
        #expect((object["items"] as? [Any])?.count == 1)
    }
}
