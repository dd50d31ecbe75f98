import Testing

@testable import ColliderCore

extension MetricsTests {
    /// Golden per-criterion metrics from scipy.stats.spearmanr, scipy.stats.kendalltau (tau-b) and
    /// numpy, with the §5.2 guards (scripts/golden/metrics.py, section "criterion metrics").
    struct CriterionMetricsTests {
        struct Golden: Sendable, CustomTestStringConvertible {
            let name: String
            let groundTruth: [Int]
            let predictions: [Double?]
            let n: Int
            let spearman: Double
            let kendall: Double
            let degenerate: Bool
            let mae: Double
            let accuracy: Double
            let offByOne: Double
            let offByTwo: Double
            let offByThree: Double

            var testDescription: String { name }
        }

        static let lcg480 = GoldenInputs.scores(seed: 20_260_402, count: 480)

        static let cases: [Golden] = [
            Golden(
                name: "ties", groundTruth: [1, 2, 2, 3, 3, 3, 4, 5, 5, 1],
                predictions: [1, 2, 3, 3, 3, 2, 4, 5, 4, 2], n: 10,
                spearman: 0.8758139442335849, kendall: 0.8052627168725033, degenerate: false,
                mae: 0.4,
                accuracy: 0.6, offByOne: 1, offByTwo: 1, offByThree: 1),
            Golden(
                name: "fractional", groundTruth: [1, 2, 3, 4, 5, 2, 4],
                predictions: [1.5, 2.25, 2.0, 4.75, 3.5, 1.0, 5.0], n: 7,
                spearman: 0.7637626158259735, kendall: 0.5506887917539347, degenerate: false,
                mae: 0.8571428571428571, accuracy: 0, offByOne: 0.8571428571428571, offByTwo: 1,
                offByThree: 1),
            Golden(
                name: "reversed", groundTruth: [1, 2, 3, 4, 5], predictions: [5, 4, 3, 2, 1], n: 5,
                spearman: -0.9999999999999999, kendall: -0.9999999999999999, degenerate: false,
                mae: 2.4,
                accuracy: 0.2, offByOne: 0.2, offByTwo: 0.6, offByThree: 0.6),
            Golden(
                name: "constantPredictions", groundTruth: [1, 2, 3, 4, 5, 3],
                predictions: [5, 5, 5, 5, 5, 5], n: 6,
                spearman: 0, kendall: 0, degenerate: true, mae: 2.0, accuracy: 0.16666666666666666,
                offByOne: 0.3333333333333333, offByTwo: 0.6666666666666666,
                offByThree: 0.8333333333333334),
            Golden(
                name: "constantGroundTruth", groundTruth: [3, 3, 3, 3], predictions: [1, 2, 3, 5],
                n: 4,
                spearman: 0, kendall: 0, degenerate: true, mae: 1.25, accuracy: 0.25, offByOne: 0.5,
                offByTwo: 1, offByThree: 1),
            Golden(
                name: "twoPairs", groundTruth: [1, 5], predictions: [2, 4], n: 2,
                spearman: 0, kendall: 0, degenerate: true, mae: 1, accuracy: 0, offByOne: 1,
                offByTwo: 1, offByThree: 1),
            Golden(
                name: "missing", groundTruth: [1, 2, 3, 4, 5, 3, 2, 4],
                predictions: [1, nil, 3, .nan, 4, 2, .infinity, 5], n: 5,
                spearman: 0.8720815992723809, kendall: 0.7378647873726218, degenerate: false,
                mae: 0.6,
                accuracy: 0.4, offByOne: 1, offByTwo: 1, offByThree: 1),
            Golden(
                name: "allMissing", groundTruth: [1, 2, 3], predictions: [nil, nil, nil], n: 0,
                spearman: 0, kendall: 0, degenerate: true, mae: 0, accuracy: 0, offByOne: 0,
                offByTwo: 0, offByThree: 0),
            Golden(
                name: "lcg480", groundTruth: lcg480.groundTruth, predictions: lcg480.predictions,
                n: 467, spearman: 0.8694750670315526, kendall: 0.7670757490549789,
                degenerate: false,
                mae: 0.5342612419700214, accuracy: 0.4539614561027837, offByOne: 0.9957173447537473,
                offByTwo: 1, offByThree: 1),
        ]

        @Test(arguments: cases)
        func matchesScipy(golden: Golden) {
            let metrics = CriterionMetrics(
                groundTruth: golden.groundTruth, predictions: golden.predictions)
            #expect(metrics.n == golden.n)
            #expect(isClose(metrics.spearman.value, golden.spearman))
            #expect(metrics.spearman.degenerate == golden.degenerate)
            #expect(isClose(metrics.kendallTauB.value, golden.kendall))
            #expect(metrics.kendallTauB.degenerate == golden.degenerate)
            #expect(isClose(metrics.mae, golden.mae))
            #expect(isClose(metrics.accuracy, golden.accuracy))
            #expect(isClose(metrics.offByOne, golden.offByOne))
            #expect(isClose(metrics.offByTwo, golden.offByTwo))
            #expect(isClose(metrics.offByThree, golden.offByThree))
        }

        @Test(arguments: cases)
        func metricValuesCarryTheCriterionMetrics(golden: Golden) {
            let values = MetricValues.compute(
                groundTruth: golden.groundTruth, predictions: golden.predictions)
            #expect(values.n == golden.n)
            #expect(values.degenerate == golden.degenerate)
            #expect(isClose(values.spearman, golden.spearman))
            #expect(isClose(values.kendall, golden.kendall))
            #expect(isClose(values.mae, golden.mae))
            #expect(isClose(values.offByOne, golden.offByOne))
        }

        /// The first rows of `lcg_scores(20260402, 480)` as Python prints them, so a drift in the LCG
        /// port fails here rather than as a metric mismatch.
        @Test func lcgScoresMatchTheScript() {
            #expect(Array(Self.lcg480.groundTruth.prefix(8)) == [2, 1, 4, 2, 3, 1, 5, 3])
            #expect(Array(Self.lcg480.predictions.prefix(8)) == [3, 2, 4, 1, nil, 1, 5, 2])
            #expect(
                Self.lcg480.predictions[12].map { $0.truncatingRemainder(dividingBy: 1) } == 0.5)
        }
    }
}
