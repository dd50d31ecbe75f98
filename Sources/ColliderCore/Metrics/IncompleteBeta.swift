import Foundation

/// The regularized incomplete beta function Iₓ(a, b), the special function behind Student's t
/// distribution (``StudentT``).
///
/// Evaluated with the continued fraction of Numerical Recipes (3rd ed., §6.4, `betacf`, modified
/// Lentz), on whichever of Iₓ(a, b) and 1 − I₁₋ₓ(b, a) converges fast. The caller passes both x and
/// 1 − x so that neither is formed by a cancelling subtraction. For very large a + b (ν in the tens
/// of thousands) the cancellation in log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b) costs
/// accuracy; the ν here are run counts minus one.
enum IncompleteBeta {
    /// Iₓ(a, b) for a, b > 0, with `x` in [0, 1] and `complement` = 1 − x.
    static func regularized(a: Double, b: Double, x: Double, complement y: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logFront = a * log(x) + b * log(y) - (lgamma(a) + lgamma(b) - lgamma(a + b))
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - exp(logFront) * continuedFraction(a: b, b: a, x: y) / b
    }

    /// The continued fraction of Iₓ(a, b) (Numerical Recipes `betacf`), converged to machine
    /// precision; it converges in O(√max(a, b)) terms where it is used.
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        func guardZero(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
        var c = 1.0
        var d = 1 / guardZero(1 - (a + b) * x / (a + 1))
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m))
            d = 1 / guardZero(1 + even * d)
            c = guardZero(1 + even / c)
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))
            d = 1 / guardZero(1 + odd * d)
            c = guardZero(1 + odd / c)
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return h
    }
}
