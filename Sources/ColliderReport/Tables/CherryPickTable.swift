import ColliderCore
import ColliderPipeline

/// The cherry-pick variants per backbone × gate (reference-pipeline.md §8.3, the paper's Table 5):
/// the combined prompt's test metrics per selection metric, and where each instruction came from.
struct CherryPickTable {
    let entries: [ResultsInput.CherryPick]
    let criteria: [String]
    /// The grid's seeds, in the order the cherry-pick scanned their runs.
    let seeds: [Int]

    var document: TableDocument {
        let intro = "For each criterion, the Single-Task (seed, step) with the best test value of the "
            + "selection metric (an oracle on the test set, as released; the first seed and earliest step win ties), "
            + "combined into one prompt and scored in one test pass. Picks name the seed and step each instruction came "
            + "from. ρ is Spearman."
        let header = ["Backbone", "Gate", "Selection", "Picks"] + criteria.map { "ρ \($0)" }
            + ["avg ρ", "avg ob1", "avg MAE"]
        var rows: [[String]] = []
        for entry in sorted {
            for result in entry.results.sorted(by: { Self.order($0.metric) < Self.order($1.metric) }) {
                rows.append(row(entry.task, result))
            }
        }
        return TableDocument(
            title: "Cherry-pick", intro: intro,
            sections: [.init(heading: nil, table: TextTable(header: header, rows: rows), left: 4)])
    }

    private func row(_ task: SweepTask, _ result: CherryPickExperiment.Result) -> [String] {
        let picks: [String] = criteria.map { criterion in
            guard let pick = result.picks[criterion] else { return "\(criterion): initial" }
            let seed = seeds.indices.contains(pick.run) ? "seed \(seeds[pick.run])" : "run \(pick.run + 1)"
            return "\(criterion): \(seed), step \(pick.step)"
        }
        var row = [task.backbone, task.gate.rawValue, result.metric.rawValue, picks.joined(separator: "; ")]
        row += criteria.map { result.test[$0].map { ReportFormat.fixed($0.spearman) } ?? ReportFormat.none }
        row += [ReportFormat.fixed(result.testAvg.spearman), ReportFormat.fixed(result.testAvg.offByOne)]
        row.append(ReportFormat.fixed(result.testAvg.mae))
        return row
    }

    private var sorted: [ResultsInput.CherryPick] {
        entries.sorted {
            ($0.task.backbone, Gate.allCases.firstIndex(of: $0.task.gate) ?? 0)
                < ($1.task.backbone, Gate.allCases.firstIndex(of: $1.task.gate) ?? 0)
        }
    }

    private static func order(_ metric: CherryPickExperiment.Metric) -> Int {
        CherryPickExperiment.Metric.allCases.firstIndex(of: metric) ?? 0
    }
}
