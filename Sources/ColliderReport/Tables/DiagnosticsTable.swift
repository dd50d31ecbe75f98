import ColliderCore
import ColliderPipeline

/// The LLM-judged diagnostics (reference-pipeline.md §8.4): usable 1–10 scores pooled over seeds,
/// steps and criteria per backbone × mode × gate (Tables 2 and 4), per criterion, and the
/// specificity drop from per-task-gradient modes (Single, SSS, SSC) to cross-task ones (SCC, CCC).
struct DiagnosticsTable {
    let runs: [ResultsInput.DiagnosticRun]
    let criteria: [String]

    var document: TableDocument {
        var sections: [TableDocument.Section] = []
        let intro = "Scores are the judge's 1–10 ratings, mean ± sample SD (n usable "
            + "scores), pooled over seeds, steps and criteria; replies without a usable score are excluded."
        for kind in Diagnostic.Kind.allCases {
            let mine = runs.filter { $0.result.kind == kind }
            guard !mine.isEmpty else { continue }
            let groups = Dictionary(grouping: mine) { run in
                CellKey(backbone: run.task.backbone, mode: run.task.mode ?? .single, gate: run.task.gate)
            }
            let header = ["Backbone", "Mode", "Gate", "All criteria"] + criteria
            let rows = groups.keys.sorted().map { cell in
                let items = groups[cell]!.flatMap(\.result.items)
                return [cell.backbone, cell.modeLabel, cell.gate.rawValue, Self.scores(items)]
                    + criteria.map { criterion in Self.scores(items.filter { $0.criterion == criterion }) }
            }
            sections.append(
                .init(
                    heading: kind == .gradientSpecificity ? "Gradient specificity" : "Feedback adherence",
                    table: TextTable(header: header, rows: rows), left: 3,
                    note: kind == .gradientSpecificity ? drop(mine) : nil))
        }
        return TableDocument(title: "LLM-judged diagnostics", intro: intro, sections: sections)
    }

    /// The mean of the per-mode means of per-task-gradient modes against cross-task modes.
    private func drop(_ runs: [ResultsInput.DiagnosticRun]) -> String? {
        func meanOfModeMeans(_ modes: [Mode]) -> Double? {
            let means = modes.compactMap { mode in
                SampleStatistics(Self.values(runs.filter { $0.task.mode == mode }.flatMap(\.result.items)))?.mean
            }
            return means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)
        }
        guard let perTask = meanOfModeMeans([.single, .SSS, .SSC]), let cross = meanOfModeMeans([.SCC, .CCC]),
            perTask > 0
        else { return nil }
        return "Per-task-gradient modes (Single, SSS, SSC) average \(ReportFormat.fixed(perTask, 2)); cross-task "
            + "modes (SCC, CCC) \(ReportFormat.fixed(cross, 2)): a drop of \(ReportFormat.fixed((1 - cross / perTask) * 100, 0)) %."
    }

    private static func values(_ items: [Diagnostic.Item]) -> [Double] {
        items.compactMap { $0.score.map(Double.init) }
    }

    private static func scores(_ items: [Diagnostic.Item]) -> String {
        ReportFormat.meanSD(SampleStatistics(values(items)), signed: false)
    }
}
