import Testing

@testable import ColliderCore

extension MetricsTests {
    /// Golden ranks from `scipy.stats.rankdata(method="average")` (scripts/golden/metrics.py).
    struct RankingTests {
        @Test(arguments: [
            ([3.0, 1.0, 2.0], [3.0, 1.0, 2.0]),
            ([2.0, 1.0, 2.0, 3.0, 1.0, 2.0], [4.0, 1.5, 4.0, 6.0, 1.5, 4.0]),
            ([4.0, 4.0, 4.0, 4.0], [2.5, 2.5, 2.5, 2.5]),
            ([0.5, -1.25, 0.5, 7.0, -1.25, 0.5, 3.0], [4.0, 1.5, 4.0, 7.0, 1.5, 4.0, 6.0]),
            ([], []),
        ])
        func averageRanksMatchScipy(values: [Double], expected: [Double]) {
            #expect(Ranking.averageRanks(values) == expected)
        }
    }
}
