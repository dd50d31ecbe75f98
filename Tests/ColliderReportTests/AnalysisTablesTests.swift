import ColliderCore
import ColliderPipeline
import Foundation
import Testing

@testable import ColliderReport

/// Cherry-pick, diagnostics, paper comparison and plot rendering from synthetic inputs.
struct AnalysisTablesTests {
    static let criteria = ["fluency", "relevance", "coherence", "consistency"]

    static func task(_ kind: TaskKind, backbone: String = "qwen3", mode: Mode?, gate: Gate = .mae, seed: Int?) -> SweepTask {
        SweepTask(
            id: "\(kind.rawValue)-\(mode?.rawValue ?? "-")-\(seed ?? 0)", kind: kind, backbone: backbone, mode: mode,
            gate: gate, seed: seed, criterion: nil, dependsOn: [])
    }

    /// A diagnostic result with one item per (step, criterion) score; a nil score is unusable.
    static func diagnostic(_ kind: Diagnostic.Kind, scores: [(String, Int?)]) throws -> Diagnostic.Result {
        let items = scores.enumerated().map { index, entry in
            ["step": index + 1, "criterion": entry.0, "score": entry.1.map { $0 as Any } ?? NSNull(), "raw": "x", "prompt": "p"]
        }
        let stats = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RunStats()))
        let object: [String: Any] = ["kind": kind.rawValue, "items": items, "mean": NSNull(), "stats": stats]
        return try JSONDecoder().decode(Diagnostic.Result.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test func diagnosticsPoolScoresAndReportTheSpecificityDrop() throws {
        let runs = [
            ResultsInput.DiagnosticRun(
                task: Self.task(.gradientSpecificity, mode: .SSS, seed: 1),
                result: try Self.diagnostic(.gradientSpecificity, scores: [("fluency", 9), ("relevance", 10), ("coherence", nil)])),
            ResultsInput.DiagnosticRun(
                task: Self.task(.gradientSpecificity, mode: .CCC, seed: 1),
                result: try Self.diagnostic(.gradientSpecificity, scores: [("fluency", 3), ("relevance", 5)])),
            ResultsInput.DiagnosticRun(
                task: Self.task(.feedbackAdherence, mode: .CCC, seed: 1),
                result: try Self.diagnostic(.feedbackAdherence, scores: [("fluency", 8)])),
        ]
        let markdown = DiagnosticsTable(runs: runs, criteria: Self.criteria).document.markdown
        #expect(markdown.contains("## Gradient specificity") && markdown.contains("## Feedback adherence"))
        #expect(markdown.contains("| qwen3 | SSS | mae | 9.500 ± 0.707 (n=2) | 9.000 ± 0.000 (n=1) |"))
        #expect(markdown.contains("average 9.50; cross-task modes (SCC, CCC) 4.00: a drop of 58 %."))
    }

    @Test func cherryPickListsEveryVariantWithItsPicks() throws {
        let metrics = #"{"spearman": 0.5, "kendall": 0.4, "mae": 0.8, "off_by_one": 0.9, "n": 7, "degenerate": false}"#
        let test = "{" + Self.criteria.map { "\"\($0)\": \(metrics)" }.joined(separator: ",") + "}"
        let results = try CherryPickExperiment.Metric.allCases.reversed().map { metric in
            let json = """
                {"metric": "\(metric.rawValue)", "items": [], "test": \(test),
                 "test_avg": {"spearman": 0.5, "mae": 0.8, "off_by_one": 0.9},
                 "picks": {"fluency": {"run": 1, "step": 2, "value": 0.6, "instruction": "Be strict."}}}
                """
            return try JSONDecoder().decode(CherryPickExperiment.Result.self, from: Data(json.utf8))
        }
        let entry = ResultsInput.CherryPick(task: Self.task(.cherryPick, mode: nil, seed: nil), results: results)
        let markdown = CherryPickTable(entries: [entry], criteria: Self.criteria, seeds: [1, 2, 3]).document.markdown
        let lines = markdown.split(separator: "\n").filter { $0.hasPrefix("| qwen3") }
        #expect(lines.map { $0.split(separator: "|")[2].trimmingCharacters(in: .whitespaces) } == ["spearman", "off_by_one", "mae"])
        #expect(lines[0].contains("| fluency: seed 2, step 2; relevance: initial; coherence: initial; consistency: initial | 0.500 |"))
    }

    static func cell(mode: Mode, backbone: String = "qwen3", steps: ClosedRange<Int> = 0...3) -> CellStatistics {
        let cell = CellKey(backbone: backbone, mode: mode, gate: .mae)
        let runs = (1...3).map { seed in
            RunSeries(
                cell: cell, seed: seed, criterion: nil,
                steps: Dictionary(
                    uniqueKeysWithValues: steps.map { step in
                        (
                            step,
                            Dictionary(
                                uniqueKeysWithValues: criteria.enumerated().map { index, criterion in
                                    let rho = 0.2 + 0.01 * Double(seed + step + index)
                                    return (
                                        criterion,
                                        TestMetrics(
                                            MetricValues(
                                                spearman: rho, kendall: rho, mae: 1, offByOne: 0.7, n: 7, degenerate: false))
                                    )
                                })
                        )
                    }))
        }
        return CellAggregator.aggregate(cell: cell, criteria: criteria, runs: runs)
    }

    @Test func paperComparisonOnlyForPaperBackbones() throws {
        let ours = PaperComparison(cells: [Self.cell(mode: .SSS)]).document?.markdown ?? ""
        #expect(ours.contains("| qwen3 | SSS | mae | 0.284 |"))
        #expect(ours.contains("| 2.749 |"))
        #expect(PaperComparison(cells: [Self.cell(mode: .SSS, backbone: "sim")]).document == nil)
    }

    @Test func trajectoryPlotDrawsBandsLinesStarAndHypervolume() {
        let plot = TrajectoryPlot(cell: Self.cell(mode: .CCC))
        let svg = plot.svg
        #expect(plot.fileName == "trajectory_qwen3_CCC_mae.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: ": min–max over seeds</title></polygon>").count - 1 == 4)
        #expect(svg.contains(">shaded band: min–max over seeds</text>") && svg.contains(">cumulative HV (right axis)</text>"))
        #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 6)
        #expect(svg.contains("best step 3") && svg.contains("Cumulative HV (ref −1)"))
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 5 * 4)
        #expect(!TrajectoryPlot(cell: Self.cell(mode: .single)).svg.contains("cumulative hypervolume</title>"))
    }

    @Test func aCellWithOnlyTheInitialStepStillShowsItsPoints() {
        let svg = TrajectoryPlot(cell: Self.cell(mode: .SSS, steps: 0...0)).svg
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 5)
        #expect(svg.contains("best step 0") && !svg.contains("No evaluated step"))
    }

    @Test(arguments: [(-0.87, 0.52, 0.25), (2.71, 2.98, 0.05), (0.3, 0.3, 1e-9)])
    func ticksAreRoundAndCoverTheData(low: Double, high: Double, unit: Double) {
        let ticks = TrajectoryPlot.ticks(low, high)
        #expect(ticks.count >= 2 && ticks.count <= 8)
        #expect((ticks.first ?? .infinity) <= low && (ticks.last ?? -.infinity) >= high)
        #expect(abs((ticks[1] - ticks[0]) - unit) < 1e-12 || unit < 1e-6)
    }
}
