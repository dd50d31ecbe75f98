import ColliderCore
import Foundation

/// The paper's Table 1 per backbone (reference-pipeline.md §5.3–§5.5): rows are modes, column
/// groups are gates, each with Initial, Best (step), Δ and HVI.
struct MainTable {
    /// One cell's row of `main.csv` / `main.json`.
    struct Row: Codable, Equatable {
        var backbone: String
        var mode: Mode
        var gate: Gate
        var seeds: Int
        var initial: SampleStatistics?
        var bestStep: Int?
        var best: SampleStatistics?
        var delta: Double?
        var pairedDelta: SampleStatistics?
        var hypervolume: Double?
        var degenerate: Int

        init(_ cell: CellStatistics) {
            backbone = cell.cell.backbone
            mode = cell.cell.mode
            gate = cell.cell.gate
            seeds = cell.seeds.count
            initial = cell.initial
            bestStep = cell.best?.step
            best = cell.best?.statistics
            delta = cell.best?.delta
            pairedDelta = cell.best?.pairedDelta
            hypervolume = cell.hypervolume
            degenerate = cell.degenerate
        }

        enum CodingKeys: String, CodingKey {
            case backbone, mode, gate, seeds, initial, best, delta, hypervolume, degenerate
            case bestStep = "best_step"
            case pairedDelta = "paired_delta"
        }
    }

    static let footnote = """
        Values are mean ± sample SD (ddof = 1) over seeds, with n the number of seeds. Initial is step 0; \
        Best is the highest mean task-averaged test Spearman over the evaluated steps (earliest step on ties); \
        Δ = Best − Initial of the means, and its ± is the SD of the per-seed differences. HVI is the cumulative \
        hypervolume of the seed-averaged per-criterion Spearman vectors at the last step, reference point −1 \
        (— for Single-Task). Standard errors and 95 % Student-t confidence intervals \
        (mean ± t₀.₉₇₅,ₙ₋₁ · SD / √n) are in main.csv and main.json. Single-Task averages, per seed, the four \
        single-criterion runs with that seed.
        """

    let cells: [CellStatistics]
    let gates: [Gate]

    var rows: [Row] { cells.map(Row.init) }

    var document: TableDocument {
        let sections = Set(cells.map(\.cell.backbone)).sorted().map { backbone in
            let mine = cells.filter { $0.cell.backbone == backbone }
            let modes = Mode.allCases.filter { mode in mine.contains { $0.cell.mode == mode } }
            var header = ["Mode"]
            for gate in gates {
                header += ["Initial", "Best (step)", "Δ", "HVI"].map { "\(gate.rawValue): \($0)" }
            }
            let rows = modes.map { mode in
                [mode == .single ? "Single-Task" : mode.rawValue]
                    + gates.flatMap { gate in Self.columns(mine.first { $0.cell.mode == mode && $0.cell.gate == gate }) }
            }
            return TableDocument.Section(heading: "Backbone \(backbone)", table: TextTable(header: header, rows: rows))
        }
        return TableDocument(
            title: "Main results (Table 1 layout)", intro: "Task-averaged test Spearman; column groups are validation gates.",
            sections: sections, footnote: Self.footnote)
    }

    /// Initial, Best (step), Δ, HVI of one cell, or dashes when the grid has no such cell.
    private static func columns(_ cell: CellStatistics?) -> [String] {
        guard let cell else { return Array(repeating: ReportFormat.none, count: 4) }
        let best = cell.best.map { "\(ReportFormat.meanSD($0.statistics)) @ step \($0.step)" } ?? ReportFormat.none
        let delta = cell.best.map { best in
            best.pairedDelta.map {
                "\(ReportFormat.signed(best.delta)) ± \(ReportFormat.fixed($0.standardDeviation)) (n=\($0.count))"
            } ?? ReportFormat.signed(best.delta)
        } ?? ReportFormat.none
        let hvi = cell.hypervolume.map { "\(ReportFormat.fixed($0)) (n=\(cell.seeds.count))" } ?? ReportFormat.none
        return [ReportFormat.meanSD(cell.initial), best, delta, hvi]
    }

    var csv: String {
        func stats(_ s: SampleStatistics?) -> [String] {
            guard let s else { return ["", "", "", "", ""] }
            let se = s.count > 1 ? s.standardDeviation / Double(s.count).squareRoot() : nil
            let interval = s.confidenceInterval
            return [
                ReportFormat.raw(s.mean), ReportFormat.raw(s.standardDeviation), ReportFormat.raw(se),
                ReportFormat.raw(interval?.lowerBound), ReportFormat.raw(interval?.upperBound),
            ]
        }
        var header = ["backbone", "mode", "gate", "seeds"]
        for name in ["initial", "best"] {
            header += ["mean", "sd", "se", "ci95_low", "ci95_high"].map { "\(name)_\($0)" }
        }
        header += ["best_step", "delta", "delta_sd", "hvi", "degenerate"]
        let body = rows.map { row in
            var line = [row.backbone, row.mode.rawValue, row.gate.rawValue, "\(row.seeds)"]
            line += stats(row.initial)
            line += stats(row.best)
            line += [row.bestStep.map(String.init) ?? "", ReportFormat.raw(row.delta)]
            line += [ReportFormat.raw(row.pairedDelta?.standardDeviation), ReportFormat.raw(row.hypervolume)]
            line.append("\(row.degenerate)")
            return line
        }
        return TextTable(header: header, rows: body).csv
    }
}
