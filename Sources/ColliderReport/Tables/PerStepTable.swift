import ColliderCore

/// Per cell and evaluated step: per-criterion Spearman and off-by-one, their task averages and the
/// cumulative HVI (the released script's report, reference-pipeline.md §5.3).
struct PerStepTable {
    let cells: [CellStatistics]
    let criteria: [String]

    var document: TableDocument {
        let sections = cells.map { cell in
            let header = ["Step", "n"] + criteria.map { "ρ \($0)" } + criteria.map { "ob1 \($0)" }
                + ["avg ρ", "avg ob1", "HVI", "degenerate"]
            let rows = cell.steps.map { step in
                var row = ["\(step.step)", "\(step.seeds.count)"]
                row += criteria.map { Self.short(step.spearman[$0]) }
                row += criteria.map { Self.short(step.offByOne[$0]) }
                row += [Self.short(step.averageSpearman), Self.short(step.averageOffByOne)]
                row += [step.hypervolume.map { ReportFormat.fixed($0) } ?? ReportFormat.none, "\(step.degenerate)"]
                return row
            }
            return TableDocument.Section(
                heading: "\(cell.cell.backbone) · \(cell.cell.modeLabel) · gate \(cell.cell.gate.rawValue)",
                table: rows.isEmpty ? nil : TextTable(header: header, rows: rows),
                note: rows.isEmpty ? "No evaluated step on record." : nil)
        }
        return TableDocument(
            title: "Per-step test metrics",
            intro: "Values are mean ± sample SD (ddof = 1) over the n seeds that have every criterion at that step. "
                + "ρ is Spearman, ob1 off-by-one accuracy; HVI is the cumulative hypervolume of steps 0…step "
                + "(reference −1); degenerate counts (seed, criterion) Spearman values forced to 0.",
            sections: sections)
    }

    var csv: String {
        let metrics = ["spearman", "off_by_one", "mae"]
        var header = ["backbone", "mode", "gate", "step", "seeds"]
        for metric in metrics {
            for criterion in criteria { header += ["\(metric)_\(criterion)_mean", "\(metric)_\(criterion)_sd"] }
        }
        header += ["avg_spearman_mean", "avg_spearman_sd", "avg_spearman_ci95_low", "avg_spearman_ci95_high"]
        header += ["avg_off_by_one_mean", "avg_off_by_one_sd", "avg_mae_mean", "avg_mae_sd", "hvi", "degenerate"]
        var rows: [[String]] = []
        for cell in cells {
            for step in cell.steps {
                var row = [cell.cell.backbone, cell.cell.mode.rawValue, cell.cell.gate.rawValue]
                row += ["\(step.step)", "\(step.seeds.count)"]
                for table in [step.spearman, step.offByOne, step.mae] {
                    for criterion in criteria {
                        row += [ReportFormat.raw(table[criterion]?.mean), ReportFormat.raw(table[criterion]?.standardDeviation)]
                    }
                }
                let average = step.averageSpearman
                row += [ReportFormat.raw(average.mean), ReportFormat.raw(average.standardDeviation)]
                row += [
                    ReportFormat.raw(average.confidenceInterval?.lowerBound),
                    ReportFormat.raw(average.confidenceInterval?.upperBound),
                ]
                row += [ReportFormat.raw(step.averageOffByOne.mean), ReportFormat.raw(step.averageOffByOne.standardDeviation)]
                row += [ReportFormat.raw(step.averageMAE.mean), ReportFormat.raw(step.averageMAE.standardDeviation)]
                row += [ReportFormat.raw(step.hypervolume), "\(step.degenerate)"]
                rows.append(row)
            }
        }
        return TextTable(header: header, rows: rows).csv
    }

    /// "mean ± sd" without n (the n column carries it).
    private static func short(_ statistics: SampleStatistics?) -> String {
        guard let statistics else { return ReportFormat.none }
        return "\(ReportFormat.fixed(statistics.mean)) ± \(ReportFormat.fixed(statistics.standardDeviation))"
    }
}
