import ColliderCore

/// The paper's published Table 1 (Qwen3) and Table 6 (DeepSeek-v4, MAE gate) values
/// (reference-pipeline.md §5.5) beside ours, for grid backbones named as in the paper configs.
struct PaperComparison {
    /// One published row: Initial, Best (step), Δ and HVI (nil for Single-Task).
    struct Published: Equatable {
        var initial: Double
        var best: Double
        var step: Int
        var delta: Double
        var hypervolume: Double?
    }

    /// Backbone name (as in `configs/paper-*.yaml`) → gate → mode → published values.
    static let published: [String: [Gate: [Mode: Published]]] = [
        "qwen3": [
            .mae: [
                .single: Published(initial: 0.274, best: 0.305, step: 2, delta: 0.031, hypervolume: nil),
                .SSS: Published(initial: 0.284, best: 0.284, step: 0, delta: 0.000, hypervolume: 2.749),
                .SSC: Published(initial: 0.289, best: 0.289, step: 0, delta: 0.000, hypervolume: 2.832),
                .SCC: Published(initial: 0.282, best: 0.282, step: 0, delta: 0.000, hypervolume: 2.801),
                .CCC: Published(initial: 0.285, best: 0.296, step: 9, delta: 0.012, hypervolume: 2.900),
            ],
            .none: [
                .single: Published(initial: 0.269, best: 0.284, step: 5, delta: 0.015, hypervolume: nil),
                .SSS: Published(initial: 0.283, best: 0.283, step: 0, delta: 0.000, hypervolume: 2.867),
                .SSC: Published(initial: 0.283, best: 0.291, step: 2, delta: 0.007, hypervolume: 2.845),
                .SCC: Published(initial: 0.282, best: 0.282, step: 0, delta: 0.000, hypervolume: 2.779),
                .CCC: Published(initial: 0.287, best: 0.287, step: 0, delta: 0.000, hypervolume: 2.983),
            ],
        ],
        "deepseek": [
            .mae: [
                .single: Published(initial: 0.287, best: 0.403, step: 9, delta: 0.116, hypervolume: nil),
                .SSS: Published(initial: 0.384, best: 0.421, step: 9, delta: 0.037, hypervolume: 4.264),
                .SSC: Published(initial: 0.390, best: 0.429, step: 7, delta: 0.039, hypervolume: 4.436),
                .SCC: Published(initial: 0.379, best: 0.418, step: 11, delta: 0.039, hypervolume: 4.331),
                .CCC: Published(initial: 0.383, best: 0.409, step: 7, delta: 0.026, hypervolume: 4.282),
            ]
        ],
    ]

    let cells: [CellStatistics]

    /// Nil when no cell's backbone has published values.
    var document: TableDocument? {
        let rows = cells.compactMap { cell -> [String]? in
            guard let paper = Self.published[cell.cell.backbone]?[cell.cell.gate]?[cell.cell.mode] else { return nil }
            let ours = cell.best
            let inInterval = cell.initial?.confidenceInterval.map { $0.contains(paper.initial) ? "yes" : "no" }
            return [
                cell.cell.backbone, cell.cell.modeLabel, cell.cell.gate.rawValue,
                ReportFormat.fixed(paper.initial), ReportFormat.meanSD(cell.initial), inInterval ?? ReportFormat.none,
                "\(ReportFormat.fixed(paper.best)) (\(paper.step))",
                ours.map { "\(ReportFormat.fixed($0.statistics.mean)) (\($0.step))" } ?? ReportFormat.none,
                ReportFormat.signed(paper.delta), ours.map { ReportFormat.signed($0.delta) } ?? ReportFormat.none,
                paper.hypervolume.map { ReportFormat.fixed($0) } ?? ReportFormat.none,
                cell.hypervolume.map { ReportFormat.fixed($0) } ?? ReportFormat.none,
            ]
        }
        guard !rows.isEmpty else { return nil }
        let header = [
            "Backbone", "Mode", "Gate", "Paper Initial", "Ours Initial", "Paper in our 95 % CI", "Paper Best (step)",
            "Ours Best (step)", "Paper Δ", "Ours Δ", "Paper HVI", "Ours HVI",
        ]
        return TableDocument(
            title: "Comparison with the paper",
            intro: "Paper values: Table 1 (Qwen3, SummEval, 3 runs) and Table 6 (DeepSeek-v4, MAE gate), "
                + "reference-pipeline.md §5.5. Ours: mean ± SD over seeds (n).",
            sections: [.init(heading: nil, table: TextTable(header: header, rows: rows), left: 3)])
    }
}
