/// The committed inputs of `scripts/golden/metrics.py`, rebuilt bit for bit.
enum GoldenInputs {
    /// The 64-bit LCG of `scripts/golden/metrics.py`:
    /// state ← state · 6364136223846793005 + 1442695040888963407 (mod 2⁶⁴); unit = (state >> 11) / 2⁵³.
    struct LCG {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53
        }
    }

    /// `lcg_scores`: ground truth 1…5; prediction missing (5 %), 0.5 below (5 %), or gt + {−1, 0, 1}
    /// clamped to 1…5.
    static func scores(seed: UInt64, count: Int) -> (groundTruth: [Int], predictions: [Double?]) {
        var rng = LCG(seed: seed)
        var groundTruth: [Int] = []
        var predictions: [Double?] = []
        for _ in 0..<count {
            let gt = 1 + Int((5 * rng.unit()).rounded(.down))
            let r = rng.unit()
            let d = rng.unit()
            let clamped = Double(min(5, max(1, gt + Int((3 * d).rounded(.down)) - 1)))
            groundTruth.append(gt)
            predictions.append(r < 0.05 ? nil : r >= 0.95 ? clamped - 0.5 : clamped)
        }
        return (groundTruth, predictions)
    }

    /// `lcg_points`: coordinates low + (high − low) · unit, row by row.
    static func points(
        seed: UInt64, count: Int, dimensions: Int = 4, low: Double = -0.5, high: Double = 0.8
    ) -> [[Double]] {
        var rng = LCG(seed: seed)
        return (0..<count).map { _ in
            (0..<dimensions).map { _ in low + (high - low) * rng.unit() }
        }
    }

    /// `lcg_front`: mutually non-dominated points low + total · u / Σu.
    static func front(
        seed: UInt64, count: Int, dimensions: Int = 4, low: Double = 0.1, total: Double = 1.2
    ) -> [[Double]] {
        var rng = LCG(seed: seed)
        return (0..<count).map { _ in
            let u = (0..<dimensions).map { _ in rng.unit() }
            var sum = 0.0
            for x in u { sum += x }
            return u.map { low + total * $0 / sum }
        }
    }
}

/// |a − b| ≤ tolerance · max(1, |b|): absolute near zero, relative for large golden values.
func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}
