import ColliderCore
import ColliderPipeline
import Foundation
import Testing

@testable import ColliderReport

/// The paper's Figure 3: gradient specificity bars per mode and criterion, from synthetic results
/// and from a fixture store whose diagnostics ran for real over its run records.
@Suite(.timeLimit(.minutes(5)))
struct SpecificityPlotTests {
    static let criteria = AnalysisTablesTests.criteria

    static func run(_ mode: Mode, seed: Int, _ scores: [(String, Int?)]) throws -> ResultsInput.DiagnosticRun {
        ResultsInput.DiagnosticRun(
            task: AnalysisTablesTests.task(.gradientSpecificity, mode: mode, seed: seed),
            result: try AnalysisTablesTests.diagnostic(.gradientSpecificity, scores: scores))
    }

    @Test func summariesAverageEachSeedThenTakeTheSDOverSeeds() throws {
        let runs = [
            try Self.run(.SSS, seed: 1, [("fluency", 9), ("relevance", 10), ("coherence", nil)]),
            try Self.run(.SSS, seed: 2, [("fluency", 7), ("fluency", 8)]),
            try Self.run(.CCC, seed: 1, [("fluency", 3), ("relevance", 5)]),
        ]
        let summaries = DiagnosticSummary.summaries(runs, kind: .gradientSpecificity, criteria: Self.criteria)
        #expect(summaries.map(\.cell.mode) == [.SSS, .CCC])
        let sss = try #require(summaries.first)
        // Seed means 9.5 and 7.5: mean 8.5, SD √2.
        #expect(sss.overall?.count == 2 && sss.overall?.mean == 8.5)
        #expect(abs((sss.overall?.standardDeviation ?? 0) - 2.0.squareRoot()) < 1e-12)
        #expect(sss.perCriterion["fluency"]?.mean == 8.25 && sss.perCriterion["relevance"]?.count == 1)
        #expect(sss.perCriterion["coherence"] == nil)
        let drop = try #require(SpecificityDrop(summaries))
        #expect(drop.perTask == 8.5 && drop.crossTask == 4 && abs(drop.percent - (1 - 4 / 8.5) * 100) < 1e-12)
        #expect(drop.change == "a drop of 53 %")
        let rise = try #require(SpecificityDrop(summaries.map { summary in
            var flipped = summary
            if summary.cell.mode == .CCC { flipped.overall = SampleStatistics([10.2]) }
            return flipped
        }))
        #expect(rise.change == "a rise of 20 %")
        #expect(DiagnosticSummary.summaries(runs, kind: .feedbackAdherence, criteria: Self.criteria).isEmpty)
    }

    @Test func barsWhiskersGroupsAndLegendAreDrawn() throws {
        let runs = [
            try Self.run(.single, seed: 1, [("fluency", 9)]),
            try Self.run(.SSS, seed: 1, [("fluency", 9), ("relevance", 10)]),
            try Self.run(.SSS, seed: 2, [("fluency", 7), ("relevance", 8)]),
            try Self.run(.CCC, seed: 1, [("fluency", 3), ("relevance", 5)]),
        ]
        let plots = SpecificityPlot.all(
            DiagnosticSummary.summaries(runs, kind: .gradientSpecificity, criteria: Self.criteria), criteria: Self.criteria)
        let plot = try #require(plots.first)
        #expect(plots.count == 1 && plot.fileName == "specificity_qwen3_mae.svg")
        let svg = plot.svg
        // Single: all + fluency; SSS: all + fluency + relevance; CCC: the same. Missing criteria are dashes.
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 8)
        #expect(svg.contains("<title>SSS · all criteria: 8.50 ± 1.41 over 2 seeds</title>"))
        #expect(svg.contains("<title>Single-Task · fluency: 9.00 ± 0.00 over 1 seed</title>"))
        #expect(svg.contains(">Per-task gradients (dashed: mean 8.8)<") && svg.contains(">Cross-task gradients (dashed: mean 4.0)<"))
        // Per-task modes: mean of 9 and 8.5; cross-task 4: a drop of 54 %.
        #expect(svg.contains("Per-task gradient modes average 8.75, cross-task modes 4.00: a drop of 54 %."))
        #expect(svg.contains(">n = 2 seeds<") && svg.contains(">n = 1 seed<"))
        for label in ["all criteria"] + Self.criteria { #expect(svg.contains(">\(label)</text>")) }
        #expect(svg.contains("whisker: ±1 sample SD over seeds"))
    }

    @Test func aReportWithDiagnosticsDrawsOneBarPerModeAndCriterion() async throws {
        let fixture = try await ResultsFolderFixture.make(modes: [.single, .SSS, .CCC], diagnostics: true)
        defer { fixture.remove() }
        let outcome = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        #expect(outcome.problems.isEmpty)
        #expect(outcome.files.contains("plots/specificity_sim_none.svg") && outcome.files.contains("tables/diagnostics.md"))
        let files = try fixture.outputs()
        let svg = String(decoding: files["plots/specificity_sim_none.svg"] ?? Data(), as: UTF8.self)
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 3 * 5)

        // The SSS all-criteria bar, recomputed from the stored results: each seed's mean score.
        var seedMeans: [Double] = []
        for task in fixture.tasks where task.kind == .gradientSpecificity && task.mode == .SSS {
            let data = try Data(contentsOf: fixture.folder(task).appending(path: "result.json"))
            let scores = try JSONDecoder().decode(Diagnostic.Result.self, from: data).items.compactMap(\.score)
            seedMeans.append(Double(scores.reduce(0, +)) / Double(scores.count))
        }
        #expect(seedMeans.count == 2)
        let mean = seedMeans.reduce(0, +) / 2
        let sd = abs(seedMeans[0] - seedMeans[1]) / 2.0.squareRoot()
        #expect(svg.contains("<title>SSS · all criteria: \(ReportFormat.fixed(mean, 2)) ± \(ReportFormat.fixed(sd, 2)) over 2 seeds</title>"))

        let html = String(decoding: files["report.html"] ?? Data(), as: UTF8.self)
        #expect(html.contains("<h2>Gradient specificity</h2>") && html.contains("<figure id=\"specificity_sim_none.svg\">"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3 + 1)
        let table = String(decoding: files["tables/diagnostics.md"] ?? Data(), as: UTF8.self)
        #expect(table.contains("| Over seeds |") && table.contains("sim, gate none: per-task-gradient modes"))

        // Without the specificity results the plot goes, and a second report is byte-identical.
        for task in fixture.tasks where task.kind == .gradientSpecificity {
            try FileManager.default.removeItem(at: fixture.folder(task))
        }
        let without = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        #expect(!without.files.contains { $0.hasPrefix("plots/specificity_") })
        #expect(try fixture.outputs()["plots/specificity_sim_none.svg"] == nil)
        let again = try fixture.outputs()
        _ = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        #expect(try fixture.outputs() == again)
    }
}
