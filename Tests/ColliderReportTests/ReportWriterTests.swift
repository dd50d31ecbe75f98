import ColliderCore
import ColliderPipeline
import ColliderReport
import Foundation
import Testing

/// `collider report`'s library entry point on a results folder of real run records.
@Suite(.timeLimit(.minutes(5)))
struct ReportWriterTests {
    @Test func writesEveryFileAndIsByteIdenticalOnASecondRun() async throws {
        let fixture = try await ResultsFolderFixture.make()
        defer { fixture.remove() }
        let missing = try #require(fixture.tasks.first { $0.kind == .run && $0.mode == .SSS && $0.seed == 2 })
        try FileManager.default.removeItem(at: fixture.folder(missing))

        let outcome = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        let expected = [
            "tables/main.md", "tables/main.csv", "tables/main.json", "tables/per_step.md", "tables/per_step.csv",
            "tables/per_step.json", "tables/per_criterion.md", "tables/cost.md", "tables/cost.csv", "tables/paired.md", "tables/paired.csv", "tables/paired.json", "tables/cherry_pick.md", "plots/trajectory_sim_single_none.svg",
            "plots/trajectory_sim_SSS_none.svg", "report.html",
        ]
        #expect(Set(outcome.files) == Set(expected))
        let first = try fixture.outputs()
        #expect(Set(first.keys) == Set(expected))
        #expect(outcome.cells == 2)
        #expect(outcome.runsWithRecords == 9)
        #expect(outcome.problems == [RunProblem(taskID: missing.id, label: missing.label, kind: .missing)])

        let again = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        #expect(again == outcome)
        #expect(try fixture.outputs() == first)

        let main = String(decoding: first["tables/main.md"] ?? Data(), as: UTF8.self)
        #expect(main.contains("| Single-Task |") && main.contains("| SSS |"))
        #expect(main.contains("(n=2)") && main.contains("(n=1)"))
        let html = String(decoding: first["report.html"] ?? Data(), as: UTF8.self)
        #expect(html.components(separatedBy: "<svg ").count == 3)
        #expect(html.contains(missing.label) && html.contains("Cherry-pick") && html.contains("Cost and failures"))
        let cost = String(decoding: first["tables/cost.csv"] ?? Data(), as: UTF8.self).split(separator: "\n")
        #expect(cost.count == 3 && cost[1].hasPrefix("sim,single,none,8,") && cost[2].hasPrefix("sim,SSS,none,1,"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("<script"))
    }

    @Test func reportsFailedAndUnfinishedRunsAndStillUsesTheirSteps() async throws {
        let fixture = try await ResultsFolderFixture.make()
        defer { fixture.remove() }
        let runs = fixture.tasks.filter { $0.kind == .run && $0.mode == .SSS }
        let unfinished = try #require(runs.first)
        let failed = try #require(runs.last)
        try FileManager.default.removeItem(at: fixture.folder(unfinished).appending(path: "summary.json"))
        let summaryURL = fixture.folder(failed).appending(path: "summary.json")
        let summary = try String(contentsOf: summaryURL, encoding: .utf8)
            .replacingOccurrences(
                of: "\"status\" : \"completed\"", with: "\"error\" : \"rate limited for good\", \"status\" : \"failed\"")
        try Data(summary.utf8).write(to: summaryURL)

        let outcome = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        #expect(
            outcome.problems.sorted() == [
                RunProblem(taskID: unfinished.id, label: unfinished.label, kind: .unfinished, lastStep: 2),
                RunProblem(
                    taskID: failed.id, label: failed.label, kind: .failed, lastStep: 2, detail: "rate limited for good"),
            ].sorted())
        #expect(outcome.runsWithRecords == 10)
    }

    @Test func removesReportFilesTheInputsNoLongerProduce() async throws {
        let fixture = try await ResultsFolderFixture.make()
        defer { fixture.remove() }
        _ = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        let cherryPick = try #require(fixture.tasks.first { $0.kind == .cherryPick })
        try FileManager.default.removeItem(at: fixture.folder(cherryPick))
        let stalePlot = fixture.directory.appending(path: "plots/trajectory_gone_SSS_mae.svg")
        let notOurs = fixture.directory.appending(path: "plots/notes.txt")
        try Data("<svg/>".utf8).write(to: stalePlot)
        try Data("keep".utf8).write(to: notOurs)

        let outcome = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        let files = try fixture.outputs().keys
        #expect(!files.contains("tables/cherry_pick.md") && !files.contains("plots/trajectory_gone_SSS_mae.svg"))
        #expect(files.contains("plots/notes.txt"))
        #expect(outcome.problems.map(\.kind) == [.missing])
    }

    @Test func perStepJSONCarriesTheStatisticsOfEveryCell() async throws {
        let fixture = try await ResultsFolderFixture.make()
        defer { fixture.remove() }
        _ = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        let data = try Data(contentsOf: fixture.directory.appending(path: "tables/per_step.json"))
        let cells = try JSONDecoder().decode([CellStatistics].self, from: data)
        #expect(cells.map(\.cell.mode) == [.single, .SSS])
        for cell in cells {
            #expect(cell.steps.map(\.step) == [0, 1, 2])
            #expect(cell.seeds == [1, 2])
            #expect(cell.steps.allSatisfy { $0.averageSpearman.count == 2 })
        }
        #expect(cells[0].hypervolume == nil && cells[1].hypervolume != nil)
    }

    @Test func matchesRunsBySummaryWhenTheDataSetIsGone() async throws {
        let fixture = try await ResultsFolderFixture.make()
        defer { fixture.remove() }
        let withData = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        try FileManager.default.removeItem(at: fixture.directory.appending(path: "data.jsonl"))
        let input = try ResultsLoader.load(directory: fixture.directory, configPath: nil, environment: [:])
        #expect(input.runs.count == withData.runsWithRecords)
        #expect(input.problems.map(\.kind) == [.missing])  // only the cherry-pick, whose id needs the data set
    }

    @Test func takesTheConfigFromTheOptionWhenTheFolderHasNone() async throws {
        let fixture = try await ResultsFolderFixture.make()
        defer { fixture.remove() }
        let elsewhere = fixture.directory.appending(path: "elsewhere.yaml")
        try FileManager.default.moveItem(at: fixture.directory.appending(path: "sweep.yaml"), to: elsewhere)
        #expect(throws: ReportError.self) {
            try ReportWriter.generate(directory: fixture.directory, environment: [:])
        }
        let outcome = try ReportWriter.generate(directory: fixture.directory, configPath: elsewhere.path, environment: [:])
        #expect(outcome.runsWithRecords == 10 && outcome.problems.isEmpty)
    }
}
