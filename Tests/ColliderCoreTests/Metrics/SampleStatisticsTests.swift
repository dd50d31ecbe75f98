import Testing

@testable import ColliderCore

extension MetricsTests {
    /// Golden summaries from numpy (mean, std with ddof = 1, min, max) and scipy.stats.t.ppf(0.975, n − 1)
    /// · s / √n (scripts/golden/metrics.py, section "sample statistics").
    struct SampleStatisticsTests {
        struct Golden: Sendable, CustomTestStringConvertible {
            let name: String
            let values: [Double]
            let mean: Double
            let standardDeviation: Double
            let min: Double
            let max: Double
            let halfWidth: Double

            var testDescription: String { name }
        }

        @Test(arguments: [
            Golden(
                name: "threeRuns", values: [0.284, 0.289, 0.282], mean: 0.285,
                standardDeviation: 0.0036055512754639926, min: 0.282, max: 0.289,
                halfWidth: 0.008956685895029607),
            Golden(
                name: "tenValues",
                values: [0.366, 0.208, 0.308, 0.256, 0.350, 0.168, 0.338, 0.363, 0.303, 0.257],
                mean: 0.2917, standardDeviation: 0.06776273967962694, min: 0.168, max: 0.366,
                halfWidth: 0.04847454379731352),
            Golden(
                name: "twoValues", values: [1.0, 2.5], mean: 1.75,
                standardDeviation: 1.0606601717798212,
                min: 1.0, max: 2.5, halfWidth: 9.52965355213102),
        ])
        func matchesNumpyAndScipy(golden: Golden) throws {
            let statistics = try #require(SampleStatistics(golden.values))
            #expect(statistics.count == golden.values.count)
            #expect(isClose(statistics.mean, golden.mean))
            #expect(isClose(statistics.standardDeviation, golden.standardDeviation))
            #expect(statistics.min == golden.min)
            #expect(statistics.max == golden.max)
            #expect(statistics.confidenceLevel == 0.95)
            let halfWidth = try #require(statistics.confidenceHalfWidth)
            #expect(isClose(halfWidth, golden.halfWidth))
            let interval = try #require(statistics.confidenceInterval)
            #expect(isClose(interval.lowerBound, golden.mean - golden.halfWidth))
            #expect(isClose(interval.upperBound, golden.mean + golden.halfWidth))
        }

        /// §5.3: the std over a single run is reported as 0; no interval exists.
        @Test func singleValueHasZeroSpreadAndNoInterval() throws {
            let statistics = try #require(SampleStatistics([0.5]))
            #expect(statistics.mean == 0.5)
            #expect(statistics.standardDeviation == 0)
            #expect(statistics.confidenceHalfWidth == nil)
            #expect(statistics.confidenceInterval == nil)
        }

        @Test func noValuesHaveNoStatistics() {
            #expect(SampleStatistics([]) == nil)
        }
    }
}
