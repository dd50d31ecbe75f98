/// Cost and failures per cell, from the run summaries on disk.
struct CostTable {
    let cells: [CellKey]
    let costs: [CellKey: CellCost]

    var table: TextTable {
        let header = ["Backbone", "Mode", "Gate", "Runs", "Dollars", "Failed calls", "Parse failures", "Re-samples"]
        var rows = cells.map { cell in
            let cost = costs[cell] ?? CellCost()
            return [cell.backbone, cell.modeLabel, cell.gate.rawValue] + Self.figures(cost)
        }
        var total = CellCost()
        for cell in cells {
            guard let cost = costs[cell] else { continue }
            total.runs += cost.runs
            total.dollars += cost.dollars
            total.failures += cost.failures
            total.parseFailures += cost.parseFailures
            total.resamples += cost.resamples
        }
        rows.append(["Total", "", ""] + Self.figures(total))
        return TextTable(header: header, rows: rows)
    }

    var document: TableDocument {
        TableDocument(
            title: "Cost and failures",
            intro: "Per cell, over the runs that wrote a summary: dollars at the config's prices, failed calls "
                + "(every failure class), task replies that did not parse, and re-sampled calls.",
            sections: [.init(heading: nil, table: table, left: 3)])
    }

    /// One row per cell, dollars at full precision, no total row.
    var csv: String {
        let rows = cells.map { cell in
            let cost = costs[cell] ?? CellCost()
            return [
                cell.backbone, cell.mode.rawValue, cell.gate.rawValue, "\(cost.runs)", ReportFormat.raw(cost.dollars),
                "\(cost.failures)", "\(cost.parseFailures)", "\(cost.resamples)",
            ]
        }
        let header = ["backbone", "mode", "gate", "runs", "dollars", "failures", "parse_failures", "resamples"]
        return TextTable(header: header, rows: rows).csv
    }

    private static func figures(_ cost: CellCost) -> [String] {
        ["\(cost.runs)", ReportFormat.fixed(cost.dollars, 4), "\(cost.failures)", "\(cost.parseFailures)", "\(cost.resamples)"]
    }
}
