import ColliderCore

/// The paper's Table 3 shape per backbone × gate: per-criterion test Spearman of the initial
/// prompt (Single-Task step 0), of Single-Task at its best step, and of each cherry-pick variant.
struct PerCriterionTable {
    let cells: [CellStatistics]
    let cherryPicks: [ResultsInput.CherryPick]
    let criteria: [String]

    /// Nil when the grid has no Single-Task cell.
    var document: TableDocument? {
        let singles = cells.filter { $0.cell.mode == .single }
        guard !singles.isEmpty else { return nil }
        let header = ["Prompt"] + criteria + ["Average"]
        let sections = singles.map { cell in
            var rows: [[String]] = []
            if let initial = cell.steps.first(where: { $0.step == 0 }) {
                rows.append(row("Initial (step 0)", initial.spearman.mapValues(\.mean)))
            }
            if let best = cell.best, let step = cell.steps.first(where: { $0.step == best.step }) {
                rows.append(row("Single-Task (best step \(best.step))", step.spearman.mapValues(\.mean)))
            }
            let picks = cherryPicks.first { $0.task.backbone == cell.cell.backbone && $0.task.gate == cell.cell.gate }
            for result in picks?.results ?? [] {
                rows.append(row("Cherry-pick (\(result.metric.rawValue))", result.test.mapValues(\.spearman)))
            }
            return TableDocument.Section(
                heading: "\(cell.cell.backbone) · gate \(cell.cell.gate.rawValue)",
                table: TextTable(header: header, rows: rows))
        }
        return TableDocument(
            title: "Per-criterion test Spearman (Table 3 layout)",
            intro: "Initial and Single-Task: means over seeds; Single-Task at the step with the best task average. "
                + "Cherry-pick: the one test pass of each selection metric's combined prompt.",
            sections: sections)
    }

    private func row(_ label: String, _ values: [String: Double]) -> [String] {
        let present = criteria.compactMap { values[$0] }
        let average = present.count == criteria.count ? present.reduce(0, +) / Double(present.count) : nil
        return [label] + criteria.map { values[$0].map { ReportFormat.fixed($0) } ?? ReportFormat.none }
            + [average.map { ReportFormat.fixed($0) } ?? ReportFormat.none]
    }
}
