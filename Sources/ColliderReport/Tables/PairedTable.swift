import ColliderCore

/// Paired differences between modes over shared seeds (``PairedDifference``).
struct PairedTable {
    let pairs: [PairedDifference]

    var document: TableDocument {
        let header = ["Backbone", "Gate", "Difference", "Step", "n", "Mean ± SD", "95 % CI"]
        let rows = pairs.map { pair in
            [
                pair.backbone, pair.gate.rawValue, "\(label(pair.a)) − \(label(pair.b))", "\(pair.step)",
                "\(pair.difference.count)",
                "\(ReportFormat.signed(pair.difference.mean)) ± \(ReportFormat.fixed(pair.difference.standardDeviation))",
                pair.difference.confidenceInterval.map {
                    "[\(ReportFormat.signed($0.lowerBound)), \(ReportFormat.signed($0.upperBound))]"
                } ?? ReportFormat.none,
            ]
        }
        return TableDocument(
            title: "Paired differences between modes",
            intro: "Per shared seed, the task-averaged test Spearman of the first mode minus the second at the last "
                + "step both evaluated; mean ± sample SD over seeds and the 95 % Student-t interval of the mean "
                + "(none with one seed).",
            sections: [.init(heading: nil, table: TextTable(header: header, rows: rows), left: 3)])
    }

    var csv: String {
        let header = ["backbone", "gate", "a", "b", "step", "seeds", "mean", "sd", "ci95_low", "ci95_high"]
        let rows = pairs.map { pair in
            [
                pair.backbone, pair.gate.rawValue, pair.a.rawValue, pair.b.rawValue, "\(pair.step)",
                pair.seeds.map(String.init).joined(separator: " "), ReportFormat.raw(pair.difference.mean),
                ReportFormat.raw(pair.difference.standardDeviation),
                ReportFormat.raw(pair.difference.confidenceInterval?.lowerBound),
                ReportFormat.raw(pair.difference.confidenceInterval?.upperBound),
            ]
        }
        return TextTable(header: header, rows: rows).csv
    }

    private func label(_ mode: Mode) -> String { mode == .single ? "Single-Task" : mode.rawValue }
}
