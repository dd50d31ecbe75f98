import ColliderCore
import ColliderPipeline
import ColliderReport
import Foundation
import Testing

/// Cell statistics against `scripts/golden/report.py` (numpy, scipy, brute-force hypervolume).
struct CellAggregatorGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

    struct Fixture: Decodable {
        struct Metrics: Decodable {
            var spearman: Double
            var off_by_one: Double
            var degenerate: Bool
        }
        struct Step: Decodable {
            var step: Int
            var test: [String: Metrics]
        }
        struct Run: Decodable {
            var mode: Mode
            var seed: Int
            var criterion: String?
            var steps: [Step]
        }
        var criteria: [String]
        var runs: [Run]

        var series: [RunSeries] {
            runs.map { run in
                RunSeries(
                    cell: CellKey(backbone: "b", mode: run.mode, gate: .none), seed: run.seed, criterion: run.criterion,
                    steps: Dictionary(
                        uniqueKeysWithValues: run.steps.map { step in
                            (
                                step.step,
                                step.test.mapValues {
                                    TestMetrics(
                                        MetricValues(
                                            spearman: $0.spearman, kendall: 0, mae: 1 - $0.off_by_one,
                                            offByOne: $0.off_by_one, n: 10, degenerate: $0.degenerate))
                                }
                            )
                        }))
            }
        }
    }

    struct Golden: Decodable {
        struct Summary: Decodable {
            var n: Int
            var mean: Double
            var std: Double
            var half_width: Double?
        }
        struct Step: Decodable {
            var step: Int
            var seeds: [Int]
            var average_spearman: Summary
            var average_off_by_one: Summary
            var spearman_mean: [String: Double]
            var spearman_std: [String: Double]
            var degenerate: Int
            var hypervolume: Double?
        }
        struct Cell: Decodable {
            var mode: Mode
            var steps: [Step]
            var initial: Double
            var best_step: Int
            var best: Double
            var delta: Double
            var paired_delta: Summary
            var hvi: Double?
        }
        struct Paired: Decodable {
            var a: Mode
            var b: Mode
            var step: Int
            var seeds: [Int]
            var difference: Summary
        }
        var cells: [Cell]
        var paired: [Paired]
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: fixtures.appending(path: name)))
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): abs(a - b) <= 1e-9
        default: false
        }
    }

    static func matches(_ ours: SampleStatistics?, _ golden: Golden.Summary) -> Bool {
        guard let ours else { return false }
        return ours.count == golden.n && close(ours.mean, golden.mean) && close(ours.standardDeviation, golden.std)
            && close(ours.confidenceHalfWidth, golden.half_width)
    }

    @Test(arguments: [Mode.SSS, .single])
    func cellMatchesTheGoldenScript(mode: Mode) throws {
        let fixture = try Self.load("report_fixture.json", as: Fixture.self)
        let golden = try #require(try Self.load("report_golden.json", as: Golden.self).cells.first { $0.mode == mode })
        let cell = CellKey(backbone: "b", mode: mode, gate: .none)
        let stats = CellAggregator.aggregate(cell: cell, criteria: fixture.criteria, runs: fixture.series)

        #expect(stats.steps.map(\.step) == golden.steps.map(\.step))
        for (ours, theirs) in zip(stats.steps, golden.steps) {
            #expect(ours.seeds == theirs.seeds, "step \(ours.step)")
            #expect(Self.matches(ours.averageSpearman, theirs.average_spearman), "step \(ours.step)")
            #expect(Self.matches(ours.averageOffByOne, theirs.average_off_by_one), "step \(ours.step)")
            for criterion in fixture.criteria {
                #expect(Self.close(ours.spearman[criterion]?.mean, theirs.spearman_mean[criterion]))
                #expect(Self.close(ours.spearman[criterion]?.standardDeviation, theirs.spearman_std[criterion]))
            }
            #expect(ours.degenerate == theirs.degenerate, "step \(ours.step)")
            #expect(Self.close(ours.hypervolume, theirs.hypervolume), "step \(ours.step)")
        }
        #expect(Self.close(stats.initial?.mean, golden.initial))
        let best = try #require(stats.best)
        #expect(best.step == golden.best_step)
        #expect(Self.close(best.statistics.mean, golden.best))
        #expect(Self.close(best.delta, golden.delta))
        #expect(Self.matches(best.pairedDelta, golden.paired_delta))
        #expect(Self.close(stats.hypervolume, golden.hvi))
    }

    @Test func pairedDifferencesMatchTheGoldenScript() throws {
        let fixture = try Self.load("report_fixture.json", as: Fixture.self)
        let golden = try Self.load("report_golden.json", as: Golden.self).paired
        let cells = [Mode.single, .SSS].map { mode in
            CellAggregator.aggregate(
                cell: CellKey(backbone: "b", mode: mode, gate: .none), criteria: fixture.criteria, runs: fixture.series)
        }
        let pairs = PairedDifference.all(cells)
        #expect(pairs.count == golden.count)
        for (ours, theirs) in zip(pairs, golden) {
            #expect(ours.a == theirs.a && ours.b == theirs.b && ours.step == theirs.step && ours.seeds == theirs.seeds)
            #expect(Self.matches(ours.difference, theirs.difference))
        }
    }

    @Test func tiesGoToTheEarliestStep() throws {
        let fixture = try Self.load("report_fixture.json", as: Fixture.self)
        let stats = CellAggregator.aggregate(
            cell: CellKey(backbone: "b", mode: .SSS, gate: .none), criteria: fixture.criteria, runs: fixture.series)
        let byStep = Dictionary(uniqueKeysWithValues: stats.steps.map { ($0.step, $0.averageSpearman.mean) })
        #expect(byStep[1] == byStep[2])
        #expect(stats.best?.step == 1)
    }

    @Test func theIssuesHypervolumeExampleHolds() {
        let volume = Hypervolume.cumulativeHypervolume(points: [[0.366, 0.208, 0.308, 0.256]], reference: [-1, -1, -1, -1])
        #expect(abs((volume.last ?? 0) - 1.366 * 1.208 * 1.308 * 1.256) < 1e-12)
    }
}
