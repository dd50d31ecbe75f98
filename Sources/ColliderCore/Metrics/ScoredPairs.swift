/// The (ground truth, prediction) pairs of one criterion that enter its metrics: rows whose
/// prediction is missing or not finite are dropped pairwise (reference-pipeline.md §5.2).
public struct ScoredPairs: Sendable, Equatable {
    /// Ground-truth scores of the kept rows, as numbers.
    public let groundTruth: [Double]
    /// Predictions of the kept rows, index-aligned with ``groundTruth``.
    public let predictions: [Double]

    /// Keeps row `i` when `predictions[i]` is present and finite.
    ///
    /// - Precondition: both arrays have the same length.
    public init(groundTruth: [Int], predictions: [Double?]) {
        precondition(
            groundTruth.count == predictions.count,
            "ScoredPairs: \(groundTruth.count) ground-truth values but \(predictions.count) predictions"
        )
        var truth: [Double] = []
        var predicted: [Double] = []
        truth.reserveCapacity(groundTruth.count)
        predicted.reserveCapacity(predictions.count)
        for (gt, prediction) in zip(groundTruth, predictions) {
            guard let prediction, prediction.isFinite else { continue }
            truth.append(Double(gt))
            predicted.append(prediction)
        }
        self.groundTruth = truth
        self.predictions = predicted
    }

    /// The number of pairs kept.
    public var count: Int { groundTruth.count }

    /// `|gt − prediction|` for every pair.
    public var absoluteErrors: [Double] {
        zip(groundTruth, predictions).map { abs($0 - $1) }
    }
}
