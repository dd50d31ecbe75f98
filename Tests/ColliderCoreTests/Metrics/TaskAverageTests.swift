import Testing

@testable import ColliderCore

extension MetricsTests {
    struct TaskAverageTests {
        static func criterion(
            _ spearman: Double, mae: Double, offByOne: Double, degenerate: Bool = false
        )
            -> MetricValues
        {
            MetricValues(
                spearman: spearman, kendall: spearman / 2, mae: mae, offByOne: offByOne, n: 480,
                degenerate: degenerate)
        }

        /// The paper's initial per-task Spearman (reference-pipeline.md §8.3, Table 3) average to 0.2845.
        @Test func averagesEachMetricOverCriteria() throws {
            let average = try #require(
                TaskAverage([
                    Self.criterion(0.366, mae: 1.0, offByOne: 0.5),
                    Self.criterion(0.208, mae: 0.5, offByOne: 0.75),
                    Self.criterion(0.308, mae: 0.25, offByOne: 1.0),
                    Self.criterion(0.0, mae: 2.25, offByOne: 0.25, degenerate: true),
                ]))
            #expect(isClose(average.spearman, (0.366 + 0.208 + 0.308) / 4))
            #expect(isClose(average.kendall, (0.366 + 0.208 + 0.308) / 8))
            #expect(average.mae == 1.0)
            #expect(average.offByOne == 0.625)
            #expect(average.criteria == 4)
            #expect(average.degenerateCriteria == 1)
        }

        @Test func noCriteriaHaveNoAverage() {
            #expect(TaskAverage([]) == nil)
        }
    }
}
