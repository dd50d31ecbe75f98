/// Summary of one value over runs (reference-pipeline.md §5.3 step 2, §8.2): mean, sample standard
/// deviation with ddof = 1, min–max band, and a Student-t confidence interval of the mean.
public struct SampleStatistics: Sendable, Equatable, Codable {
    /// Values summarized.
    public let count: Int
    /// Arithmetic mean.
    public let mean: Double
    /// Sample standard deviation, ddof = 1; 0 with a single value, as the paper's tables report.
    public let standardDeviation: Double
    /// Smallest value.
    public let min: Double
    /// Largest value.
    public let max: Double
    /// Two-sided confidence level of ``confidenceHalfWidth``, e.g. 0.95.
    public let confidenceLevel: Double
    /// t₍₁₊level₎⁄₂,ₙ₋₁ · s / √n; nil with a single value, where no interval exists.
    public let confidenceHalfWidth: Double?

    /// Summarizes `values`; nil when there are none.
    ///
    /// - Precondition: 0 < `confidenceLevel` < 1.
    public init?(_ values: [Double], confidenceLevel: Double = 0.95) {
        guard let first = values.first else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        count = values.count
        self.mean = mean
        min = values.reduce(first) { Swift.min($0, $1) }
        max = values.reduce(first) { Swift.max($0, $1) }
        self.confidenceLevel = confidenceLevel
        guard values.count > 1 else {
            standardDeviation = 0
            confidenceHalfWidth = nil
            return
        }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = (squares / (n - 1)).squareRoot()
        let t = StudentT.quantile((1 + confidenceLevel) / 2, degreesOfFreedom: n - 1)
        confidenceHalfWidth = t * standardDeviation / n.squareRoot()
    }

    /// mean ± ``confidenceHalfWidth``; nil with a single value.
    public var confidenceInterval: ClosedRange<Double>? {
        confidenceHalfWidth.map { (mean - $0)...(mean + $0) }
    }
}
