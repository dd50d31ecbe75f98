/// Fractional ("average") ranks, the tie handling of Spearman's rho (reference-pipeline.md §5.2).
public enum Ranking {
    /// The 1-based rank of every value, where each group of equal values shares the mean of the
    /// ranks it spans: `[2, 1, 2, 3]` ranks as `[2.5, 1, 2.5, 4]`. This is
    /// `scipy.stats.rankdata(values, method: "average")`.
    ///
    /// - Precondition: every value is comparable (no NaN); callers drop non-finite values first.
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] {
                end += 1
            }
            // Positions start…end hold ranks start+1 … end+1; their mean is the shared rank.
            let shared = Double(start + end + 2) / 2
            for position in start...end {
                ranks[order[position]] = shared
            }
            start = end + 1
        }
        return ranks
    }
}
