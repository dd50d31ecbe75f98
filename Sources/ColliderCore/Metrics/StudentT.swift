import Foundation

/// Student's t distribution: the quantile behind the confidence interval of a mean over runs
/// (``SampleStatistics``; reference-pipeline.md §5.3 reports mean ± sample std over runs).
///
/// The quantile solves Q(t) = α for the upper tail Q(t) = ½·I_{ν/(ν+t²)}(ν/2, ½)
/// (``IncompleteBeta``) with Newton steps on the density, safeguarded by bisection inside a
/// bracket. Working on the tail keeps full relative accuracy for p near 0 or 1. The tests check it
/// against `scipy.stats.t.ppf` to 1e-12 relative for ν from 0.5 to 1000 and p from 1e-6 to
/// 1 − 1e-6 (`scripts/golden/metrics.py`).
public enum StudentT {
    /// The p-quantile of Student's t with `degreesOfFreedom` ν: the t with P(T ≤ t) = p.
    ///
    /// - Precondition: 0 < p < 1 and ν > 0.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "StudentT.quantile: p = \(p) is outside (0, 1)")
        precondition(nu > 0, "StudentT.quantile: degrees of freedom \(nu) must be positive")
        if p == 0.5 { return 0 }
        // 1 − p is exact for p ≥ ½ (Sterbenz), so the tail probability α loses nothing.
        let alpha = p < 0.5 ? p : 1 - p
        let t = upperTailQuantile(alpha, nu: nu)
        return p < 0.5 ? -t : t
    }

    /// The t > 0 with Q(t) = α, for 0 < α < ½.
    private static func upperTailQuantile(_ alpha: Double, nu: Double) -> Double {
        var low = 0.0
        var high = 1.0
        while upperTail(high, nu: nu) > alpha { (low, high) = (high, 2 * high) }
        var t = (low + high) / 2
        for _ in 0..<200 {
            let excess = upperTail(t, nu: nu) - alpha  // Q falls as t grows
            if excess > 0 { low = t } else { high = t }
            var next = t + excess / density(t, nu: nu)
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 2 * Double.ulpOfOne * t { return next }
            t = next
        }
        return t
    }

    /// P(T > t) for t ≥ 0.
    private static func upperTail(_ t: Double, nu: Double) -> Double {
        let square = t * t
        return 0.5
            * IncompleteBeta.regularized(
                a: nu / 2, b: 0.5, x: nu / (nu + square), complement: square / (nu + square))
    }

    /// The density of T at t.
    private static func density(_ t: Double, nu: Double) -> Double {
        exp(
            lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
                - (nu + 1) / 2 * log1p(t * t / nu))
    }
}
