/// The hypervolume indicator (HVI) of reference-pipeline.md §5.4, for maximization: the volume
/// dominated by a set of objective vectors and bounded below by a reference point.
///
/// Points are first reduced to the non-dominated ones (``nonDominated(_:)``), shifted by the
/// reference point, and kept only when strictly positive in every coordinate; a point with a NaN
/// coordinate therefore never counts. The volume of what is left is computed exactly, by
/// inclusion–exclusion for small sets and by WFG for larger ones (``Algorithm``).
public enum Hypervolume {
    /// The exact method used for the volume. All give the same number up to rounding.
    public enum Algorithm: Sendable, Equatable {
        /// Inclusion–exclusion up to ``Hypervolume/inclusionExclusionLimit`` points, WFG beyond.
        case automatic
        /// The reference implementation's formula (§5.4): the sum over all non-empty subsets,
        /// signed (−1)^(|S|+1), of the product of coordinate-wise minima. O(2ⁿ·d).
        case inclusionExclusion
        /// WFG (While, Bradstreet & Barone, IEEE TEC 16(1), 2012): the sum of each point's
        /// exclusive volume against the points after it, recursing on the limited sets.
        case wfg
    }

    /// The largest set that ``Algorithm/automatic`` hands to inclusion–exclusion: 2¹⁶ − 1 subsets.
    /// The paper's archives hold at most 13 points (steps 0…12).
    public static let inclusionExclusionLimit = 16

    /// The points that no other point dominates, in their original order. For maximization, q
    /// dominates p when q ≥ p in every coordinate and q > p in at least one; exact duplicates do
    /// not dominate each other, so both are kept (§5.4).
    public static func nonDominated(_ points: [[Double]]) -> [[Double]] {
        points.enumerated().filter { index, point in
            !points.enumerated().contains { other, candidate in
                other != index && dominates(candidate, point)
            }
        }.map(\.element)
    }

    /// The hypervolume of `points` above `reference`.
    ///
    /// - Precondition: `reference` is not empty and every point has as many coordinates.
    public static func volume(
        of points: [[Double]], reference: [Double], algorithm: Algorithm = .automatic
    ) -> Double {
        precondition(
            !reference.isEmpty && points.allSatisfy { $0.count == reference.count },
            "Hypervolume: every point needs \(reference.count) coordinates")
        let shifted = nonDominated(points)
            .map { zip($0, reference).map { $0 - $1 } }
            .filter { $0.allSatisfy { $0 > 0 } }
        switch algorithm {
        case .inclusionExclusion:
            return inclusionExclusion(shifted)
        case .wfg:
            return wfg(shifted)
        case .automatic:
            return shifted.count <= inclusionExclusionLimit
                ? inclusionExclusion(shifted) : wfg(shifted)
        }
    }

    /// The cumulative HVI series (decisions.md 15): entry s is the hypervolume of the archive of
    /// `points[0...s]`, one point per evaluated step. The series is non-decreasing (§5.4); a running
    /// maximum removes the last-ulp rounding differences an added duplicate point can cause.
    ///
    /// - Precondition: `reference` is not empty and every point has as many coordinates.
    public static func cumulativeHypervolume(points: [[Double]], reference: [Double]) -> [Double] {
        var series: [Double] = []
        series.reserveCapacity(points.count)
        for step in points.indices {
            let current = volume(of: Array(points[...step]), reference: reference)
            series.append(Swift.max(current, series.last ?? 0))
        }
        return series
    }

    /// Whether `q` dominates `p` under maximization.
    static func dominates(_ q: [Double], _ p: [Double]) -> Bool {
        var strictlyBetter = false
        for (a, b) in zip(q, p) {
            if a < b || a.isNaN || b.isNaN { return false }
            if a > b { strictlyBetter = true }
        }
        return strictlyBetter
    }
}
