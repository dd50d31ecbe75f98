import ColliderCore
import ColliderPipeline

/// Aggregates the runs of one cell over seeds (reference-pipeline.md §5.3–§5.4).
///
/// Per seed and step, a multi-criterion run gives every criterion; a Single-Task family gives each
/// criterion from that criterion's run with the same seed, so the seed's "average" is the paper's
/// average of four per-criterion evaluations. A seed counts at a step only when every criterion is
/// there, so an unfinished run lowers that step's n instead of skewing its average.
public enum CellAggregator {
    /// The statistics of `cell` from `runs` (runs of other cells are ignored).
    public static func aggregate(cell: CellKey, criteria: [String], runs: [RunSeries]) -> CellStatistics {
        let table = perSeed(criteria: criteria, runs: runs.filter { $0.cell == cell })
        let seeds = table.keys.sorted()
        let allSteps = Set(table.values.flatMap(\.keys)).sorted()
        var steps: [StepStatistics] = []
        var archive: [[Double]] = []
        for step in allSteps {
            let complete = seeds.filter { seed in criteria.allSatisfy { table[seed]?[step]?[$0] != nil } }
            guard !complete.isEmpty else { continue }
            let rows = complete.map { seed in criteria.map { table[seed]![step]![$0]! } }
            let current = statistics(at: step, seeds: complete, criteria: criteria, rows: rows)
            archive.append(criteria.map { current.spearman[$0]!.mean })
            steps.append(current)
        }
        if cell.mode != .single {
            let series = Hypervolume.cumulativeHypervolume(points: archive, reference: criteria.map { _ in -1 })
            for index in steps.indices { steps[index].hypervolume = series[index] }
        }
        let initial = steps.first { $0.step == 0 }
        return CellStatistics(
            cell: cell, criteria: criteria, seeds: seeds, steps: steps, initial: initial?.averageSpearman,
            best: initial.flatMap { best(steps: steps, initial: $0) },
            hypervolume: cell.mode == .single ? nil : steps.last?.hypervolume,
            degenerate: steps.reduce(0) { $0 + $1.degenerate })
    }

    /// seed → step → criterion → metrics.
    private static func perSeed(criteria: [String], runs: [RunSeries]) -> [Int: [Int: [String: TestMetrics]]] {
        var table: [Int: [Int: [String: TestMetrics]]] = [:]
        for run in runs {
            for (step, metrics) in run.steps {
                for (criterion, values) in metrics where criteria.contains(criterion) {
                    if let only = run.criterion, only != criterion { continue }
                    table[run.seed, default: [:]][step, default: [:]][criterion] = values
                }
            }
        }
        return table
    }

    /// The statistics of one step; `rows[i][j]` is seed `seeds[i]`'s metrics of `criteria[j]`.
    private static func statistics(at step: Int, seeds: [Int], criteria: [String], rows: [[TestMetrics]]) -> StepStatistics {
        func column(_ index: Int, _ value: (TestMetrics) -> Double) -> SampleStatistics {
            SampleStatistics(rows.map { value($0[index]) })!
        }
        func perCriterion(_ value: (TestMetrics) -> Double) -> [String: SampleStatistics] {
            Dictionary(uniqueKeysWithValues: criteria.indices.map { (criteria[$0], column($0, value)) })
        }
        func average(_ value: (TestMetrics) -> Double) -> [Double] {
            rows.map { row in row.reduce(0) { $0 + value($1) } / Double(row.count) }
        }
        let seedAverages = average(\.spearman)
        return StepStatistics(
            step: step, seeds: seeds, spearman: perCriterion(\.spearman), offByOne: perCriterion(\.offByOne),
            mae: perCriterion(\.mae), averageSpearman: SampleStatistics(seedAverages)!,
            averageOffByOne: SampleStatistics(average(\.offByOne))!, averageMAE: SampleStatistics(average(\.mae))!,
            seedAverages: seedAverages, degenerate: rows.reduce(0) { $0 + $1.count(where: \.degenerate) },
            hypervolume: nil)
    }

    /// Best (step), Δ and the paired per-seed Δ.
    private static func best(steps: [StepStatistics], initial: StepStatistics) -> BestSummary? {
        guard let index = BestStep.firstBestIndex(steps.map(\.averageSpearman.mean), preferring: .higher) else {
            return nil
        }
        let best = steps[index]
        let paired = zip(best.seeds, best.seedAverages).compactMap { seed, value in
            initial.seeds.firstIndex(of: seed).map { value - initial.seedAverages[$0] }
        }
        return BestSummary(
            step: best.step, statistics: best.averageSpearman,
            delta: best.averageSpearman.mean - initial.averageSpearman.mean, pairedDelta: SampleStatistics(paired))
    }
}
