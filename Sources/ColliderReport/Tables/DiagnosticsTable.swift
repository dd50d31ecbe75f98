import ColliderCore
import ColliderPipeline

/// The LLM-judged diagnostics (reference-pipeline.md §8.4): usable 1–10 scores pooled over seeds,
/// steps and criteria per backbone × mode × gate (Tables 2 and 4), per criterion, the spread over
/// seeds of the per-seed means (Figure 3's whiskers), and the specificity drop from
/// per-task-gradient modes (Single, SSS, SSC) to cross-task ones (SCC, CCC).
struct DiagnosticsTable {
    let runs: [ResultsInput.DiagnosticRun]
    let criteria: [String]

    var document: TableDocument {
        var sections: [TableDocument.Section] = []
        let intro = "Scores are the judge's 1–10 ratings, mean ± sample SD (n usable "
            + "scores), pooled over seeds, steps and criteria; replies without a usable score are excluded. "
            + "Over seeds: the mean ± SD (n seeds) of each seed's mean score, as the specificity plots show."
        for kind in Diagnostic.Kind.allCases {
            let mine = runs.filter { $0.result.kind == kind }
            guard !mine.isEmpty else { continue }
            let groups = Dictionary(grouping: mine) { run in
                CellKey(backbone: run.task.backbone, mode: run.task.mode ?? .single, gate: run.task.gate)
            }
            let summaries = DiagnosticSummary.summaries(mine, kind: kind, criteria: criteria)
            let header = ["Backbone", "Mode", "Gate", "All criteria"] + criteria + ["Over seeds"]
            let rows = summaries.map { summary in
                let items = (groups[summary.cell] ?? []).flatMap(\.result.items)
                return [summary.cell.backbone, summary.cell.modeLabel, summary.cell.gate.rawValue, Self.scores(items)]
                    + criteria.map { criterion in Self.scores(items.filter { $0.criterion == criterion }) }
                    + [ReportFormat.meanSD(summary.overall)]
            }
            sections.append(
                .init(
                    heading: kind == .gradientSpecificity ? "Gradient specificity" : "Feedback adherence",
                    table: TextTable(header: header, rows: rows), left: 3,
                    note: kind == .gradientSpecificity ? Self.drops(summaries) : nil))
        }
        return TableDocument(title: "LLM-judged diagnostics", intro: intro, sections: sections)
    }

    /// One sentence per backbone × gate with both groups of modes, over the per-mode means over seeds.
    private static func drops(_ summaries: [DiagnosticSummary]) -> String? {
        let groups = Dictionary(grouping: summaries) { BackboneGate(backbone: $0.cell.backbone, gate: $0.cell.gate) }
        let sentences = groups.keys.sorted().compactMap { key in
            SpecificityDrop(groups[key] ?? []).map { "\(key.backbone), gate \(key.gate.rawValue): \($0.sentence)" }
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    private static func scores(_ items: [Diagnostic.Item]) -> String {
        ReportFormat.meanSD(SampleStatistics(DiagnosticSummary.usableScores(items)), signed: false)
    }
}

/// A backbone × gate: the unit of the specificity plots and drops.
struct BackboneGate: Hashable, Comparable {
    var backbone: String
    var gate: Gate

    static func < (lhs: BackboneGate, rhs: BackboneGate) -> Bool {
        (lhs.backbone, Gate.allCases.firstIndex(of: lhs.gate) ?? 0) < (rhs.backbone, Gate.allCases.firstIndex(of: rhs.gate) ?? 0)
    }
}
