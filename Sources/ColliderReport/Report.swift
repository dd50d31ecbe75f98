import ColliderCore
import Foundation

/// The tables, plots and HTML page of a results folder (issue 6): everything under `tables/`,
/// `plots/` and `report.html`, as deterministic text (no timestamps; everything sorted).
public struct Report: Sendable {
    /// What the report is built from.
    public let input: ResultsInput
    /// The statistics of every cell of the grid, sorted.
    public let cells: [CellStatistics]

    /// Aggregates `input`.
    public init(input: ResultsInput) {
        self.input = input
        cells = input.cellStatistics
    }

    /// Every file, in a fixed order, with paths relative to the results folder.
    public func files() throws(ReportError) -> [ReportFile] {
        let main = MainTable(cells: cells, gates: input.config.grid.gates)
        let perStep = PerStepTable(cells: cells, criteria: input.config.dataset.criteria)
        var files = [
            ReportFile(path: "tables/main.md", contents: main.document.markdown),
            ReportFile(path: "tables/main.csv", contents: main.csv),
            ReportFile(path: "tables/main.json", contents: try Self.json(main.rows, "tables/main.json")),
            ReportFile(path: "tables/per_step.md", contents: perStep.document.markdown),
            ReportFile(path: "tables/per_step.csv", contents: perStep.csv),
            ReportFile(path: "tables/per_step.json", contents: try Self.json(cells, "tables/per_step.json")),
        ]
        let paired = PairedTable(pairs: PairedDifference.all(cells))
        if !paired.pairs.isEmpty {
            files.append(ReportFile(path: "tables/paired.md", contents: paired.document.markdown))
            files.append(ReportFile(path: "tables/paired.csv", contents: paired.csv))
            files.append(ReportFile(path: "tables/paired.json", contents: try Self.json(paired.pairs, "tables/paired.json")))
        }
        let cost = CostTable(cells: input.cells, costs: input.costs)
        files.append(ReportFile(path: "tables/cost.md", contents: cost.document.markdown))
        files.append(ReportFile(path: "tables/cost.csv", contents: cost.csv))
        let analyses = analysisDocuments
        for (name, document) in analyses {
            files.append(ReportFile(path: "tables/\(name).md", contents: document.markdown))
        }
        let plots = cells.map(TrajectoryPlot.init)
        files += plots.map { ReportFile(path: "plots/\($0.fileName)", contents: $0.svg) }
        let specificity = SpecificityPlot.all(
            DiagnosticSummary.summaries(input.diagnostics, kind: .gradientSpecificity, criteria: input.config.dataset.criteria),
            criteria: input.config.dataset.criteria)
        files += specificity.map { ReportFile(path: "plots/\($0.fileName)", contents: $0.svg) }
        let page = ReportPage(
            input: input, main: main.document, cost: cost.document, plots: plots, specificity: specificity,
            analyses: (paired.pairs.isEmpty ? [] : [paired.document]) + analyses.map(\.document))
        files.append(ReportFile(path: "report.html", contents: page.html))
        return files
    }

    /// The per-criterion table, cherry-pick, diagnostics and the paper comparison, each when it has
    /// something to show.
    private var analysisDocuments: [(name: String, document: TableDocument)] {
        let criteria = input.config.dataset.criteria
        var documents: [(String, TableDocument)] = []
        let perCriterion = PerCriterionTable(cells: cells, cherryPicks: input.cherryPicks, criteria: criteria)
        if let document = perCriterion.document { documents.append(("per_criterion", document)) }
        if !input.cherryPicks.isEmpty {
            documents.append(("cherry_pick", CherryPickTable(entries: input.cherryPicks, criteria: criteria, seeds: input.config.grid.seeds).document))
        }
        if !input.diagnostics.isEmpty {
            documents.append(("diagnostics", DiagnosticsTable(runs: input.diagnostics, criteria: criteria).document))
        }
        if let paper = PaperComparison(cells: cells).document { documents.append(("paper_comparison", paper)) }
        return documents
    }

    /// Pretty, key-sorted JSON with a final newline.
    static func json(_ value: some Encodable, _ path: String) throws(ReportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw ReportError(.write, path: path, underlying: "\(error)")
        }
    }
}
