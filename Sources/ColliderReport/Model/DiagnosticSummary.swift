import ColliderCore
import ColliderPipeline

/// One LLM-judged diagnostic of one cell (backbone × mode × gate) over seeds: each seed's mean
/// usable 1–10 score (the items of every step, and for Single-Task of the seed's four runs), then
/// n, mean and sample SD over seeds — for all criteria together and per criterion. The bars and
/// whiskers of the paper's Figure 3, and the "over seeds" column of Tables 2 and 4.
struct DiagnosticSummary: Sendable, Equatable {
    var cell: CellKey
    /// Over seeds, of each seed's mean over all its usable scores.
    var overall: SampleStatistics?
    /// Over seeds, of each seed's mean usable score for the criterion; criteria without one are absent.
    var perCriterion: [String: SampleStatistics]

    /// One summary per cell with results of `kind`, in ``CellKey`` order.
    static func summaries(_ runs: [ResultsInput.DiagnosticRun], kind: Diagnostic.Kind, criteria: [String])
        -> [DiagnosticSummary]
    {
        let groups = Dictionary(grouping: runs.filter { $0.result.kind == kind }) { run in
            CellKey(backbone: run.task.backbone, mode: run.task.mode ?? .single, gate: run.task.gate)
        }
        return groups.keys.sorted().map { cell in
            let bySeed = Dictionary(grouping: groups[cell] ?? []) { $0.task.seed ?? 0 }
            let seeds = bySeed.keys.sorted()
            func overSeeds(_ keep: (Diagnostic.Item) -> Bool) -> SampleStatistics? {
                SampleStatistics(
                    seeds.compactMap { seed in
                        let items = (bySeed[seed] ?? []).flatMap(\.result.items).filter(keep)
                        return SampleStatistics(usableScores(items))?.mean
                    })
            }
            var perCriterion: [String: SampleStatistics] = [:]
            for criterion in criteria {
                perCriterion[criterion] = overSeeds { $0.criterion == criterion }
            }
            return DiagnosticSummary(cell: cell, overall: overSeeds { _ in true }, perCriterion: perCriterion)
        }
    }

    /// The usable scores of `items` (nil scores are excluded, reference §8.4).
    static func usableScores(_ items: [Diagnostic.Item]) -> [Double] {
        items.compactMap { $0.score.map(Double.init) }
    }
}

/// The specificity drop of one backbone × gate (paper §6.1): the mean of the per-mode means of the
/// per-task-gradient modes (Single, SSS, SSC) against that of the cross-task ones (SCC, CCC).
struct SpecificityDrop: Sendable, Equatable {
    /// Mean of the per-task-gradient modes' means over seeds.
    var perTask: Double
    /// Mean of the cross-task modes' means over seeds.
    var crossTask: Double

    /// (1 − cross-task / per-task) × 100.
    var percent: Double { (1 - crossTask / perTask) * 100 }

    /// The drop among `summaries` (one backbone × gate); nil unless both groups have a mean and
    /// the per-task one is positive.
    init?(_ summaries: [DiagnosticSummary]) {
        func meanOfModeMeans(perTaskGradient: Bool) -> Double? {
            let means = summaries.filter { $0.cell.mode.perTaskGradient == perTaskGradient }.compactMap(\.overall?.mean)
            return means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)
        }
        guard let perTask = meanOfModeMeans(perTaskGradient: true), let cross = meanOfModeMeans(perTaskGradient: false),
            perTask > 0
        else { return nil }
        self.perTask = perTask
        crossTask = cross
    }

    /// "a drop of 59 %", or "a rise of 12 %" when cross-task modes score higher.
    var change: String {
        "a \(percent < 0 ? "rise" : "drop") of \(ReportFormat.fixed(abs(percent), 0)) %"
    }

    /// "per-task-gradient modes (Single, SSS, SSC) average 9.00; cross-task modes (SCC, CCC) 3.70:
    /// a drop of 59 %."
    var sentence: String {
        "per-task-gradient modes (Single, SSS, SSC) average \(ReportFormat.fixed(perTask, 2)); cross-task "
            + "modes (SCC, CCC) \(ReportFormat.fixed(crossTask, 2)): \(change)."
    }
}

extension Mode {
    /// Whether each gradient call sees one criterion only: Single-Task, SSS and SSC (paper §6.1).
    var perTaskGradient: Bool { self == .single || separateGradient }
}
