/// The "Best (step)" and "Δ" columns of the paper's tables (reference-pipeline.md §5.3): the
/// maximum of the per-step mean over steps 0…S, the step where it first occurs, and its gain over
/// step 0.
public struct BestStep: Sendable, Equatable, Codable {
    /// The step of the best value; ties go to the earliest step (decisions.md 16).
    public let step: Int
    /// The best per-step value.
    public let best: Double
    /// The step-0 value ("Initial").
    public let initial: Double

    /// Best − Initial; +0.0 when the best is at step 0.
    public var delta: Double { best - initial }

    /// Picks the best of `stepMeans`, indexed by step from 0. NaN entries never win. Nil when there
    /// is no step 0 or no non-NaN value.
    public init?(stepMeans: [Double]) {
        guard let initial = stepMeans.first,
            let step = Self.firstBestIndex(stepMeans, preferring: .higher)
        else { return nil }
        self.step = step
        self.best = stepMeans[step]
        self.initial = initial
    }

    /// Which values are better.
    public enum Preference: Sendable, Equatable {
        /// Higher is better (Spearman, off-by-one).
        case higher
        /// Lower is better (MAE).
        case lower
    }

    /// The index of the first best value, replacing the incumbent only on a strictly better value,
    /// so the earliest of equal values wins. This is also the cherry-pick scan of §8.3 over runs and
    /// steps in order (decisions.md 16). NaN values are skipped; nil when none is left.
    public static func firstBestIndex(_ values: [Double], preferring preference: Preference) -> Int?
    {
        var bestIndex: Int?
        for (index, value) in values.enumerated() where !value.isNaN {
            guard let incumbent = bestIndex else {
                bestIndex = index
                continue
            }
            let isBetter =
                preference == .higher ? value > values[incumbent] : value < values[incumbent]
            if isBetter { bestIndex = index }
        }
        return bestIndex
    }
}
