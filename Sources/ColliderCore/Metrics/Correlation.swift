/// A correlation coefficient after the guards of reference-pipeline.md §5.2 and decision 17.
public struct GuardedCorrelation: Sendable, Equatable, Codable {
    /// The coefficient, or 0.0 when ``degenerate``.
    public let value: Double
    /// True when the coefficient was forced to 0.0: fewer than 3 pairs, a constant side, or a NaN
    /// result.
    public let degenerate: Bool

    /// The 0.0 reported for a degenerate case.
    static let degenerateZero = GuardedCorrelation(value: 0, degenerate: true)
}

/// Rank correlations between ground truth and predictions, guarded as the released `metrics.py`
/// does (reference-pipeline.md §5.2): fewer than 3 pairs → 0.0; a side whose population standard
/// deviation is 0 (all values equal, e.g. every prediction a 5) → 0.0; a NaN result → 0.0. Each of
/// these is flagged ``GuardedCorrelation/degenerate`` (decisions.md 17).
///
/// "Population std exactly 0" is tested as "all values equal", which is the same condition without
/// the rounding of a computed standard deviation.
public enum Correlation {
    /// Spearman's rho: the Pearson correlation of the average ranks (``Ranking/averageRanks(_:)``),
    /// as `scipy.stats.spearmanr`.
    public static func spearman(_ x: [Double], _ y: [Double]) -> GuardedCorrelation {
        guarded(x, y) { pearson(Ranking.averageRanks($0), Ranking.averageRanks($1)) }
    }

    /// Kendall's tau-b, as `scipy.stats.kendalltau(variant: "b")`: (C − D) / √((n₀ − n₁)(n₀ − n₂)),
    /// with C and D the concordant and discordant pairs, n₀ = n(n − 1)/2, and n₁, n₂ the pairs tied
    /// in x and in y. O(n²), which is fine for the 480 test rows of §5.1.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> GuardedCorrelation {
        guarded(x, y) { x, y in
            var concordantMinusDiscordant = 0
            var tiedX = 0
            var tiedY = 0
            for i in x.indices {
                for j in (i + 1)..<x.count {
                    let dx = x[i] - x[j]
                    let dy = y[i] - y[j]
                    if dx == 0 { tiedX += 1 }
                    if dy == 0 { tiedY += 1 }
                    if dx != 0, dy != 0 {
                        concordantMinusDiscordant += (dx > 0) == (dy > 0) ? 1 : -1
                    }
                }
            }
            let total = x.count * (x.count - 1) / 2
            let denominator = (Double(total - tiedX) * Double(total - tiedY)).squareRoot()
            return Double(concordantMinusDiscordant) / denominator
        }
    }

    /// Applies the §5.2 guards around `coefficient`, and clamps its result to [−1, 1].
    private static func guarded(
        _ x: [Double], _ y: [Double], _ coefficient: ([Double], [Double]) -> Double
    ) -> GuardedCorrelation {
        precondition(x.count == y.count, "Correlation: \(x.count) vs \(y.count) values")
        guard x.count >= 3, !isConstant(x), !isConstant(y) else { return .degenerateZero }
        let value = coefficient(x, y)
        guard !value.isNaN else { return .degenerateZero }
        return GuardedCorrelation(value: min(1, max(-1, value)), degenerate: false)
    }

    /// Pearson's r of two non-constant samples of equal length.
    private static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let meanX = x.reduce(0, +) / Double(x.count)
        let meanY = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(x, y) {
            let dx = a - meanX
            let dy = b - meanY
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxy / (sxx * syy).squareRoot()
    }

    private static func isConstant(_ values: [Double]) -> Bool {
        values.allSatisfy { $0 == values[0] }
    }
}
