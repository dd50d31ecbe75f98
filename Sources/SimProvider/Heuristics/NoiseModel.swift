import Foundation

/// How noisy the simulated judge is per criterion: a toy model of instruction specificity and of
/// the interference between criteria that the paper reports.
///
/// - Base spread: 0.9 score points on a 1–5 scale (scaled with the scale's width).
/// - Sharpening: each distinct cue of the criterion that its own instruction names multiplies the
///   spread by 0.7, down to 0.3× at most.
/// - Blurring: when all instructions together exceed 1,500 characters, each criterion's spread
///   grows by `2 × (share of the total written for other criteria) × (total − 1,500) / 1,500`,
///   capped at 3×: long instructions for the others drown a criterion's signal.
struct NoiseModel: Sendable {
    /// The total instruction length above which blurring starts.
    static let blurThreshold = 1_500.0

    /// The spread, in score points, of every criterion of `prompt`.
    static func spreads(for prompt: TaskPrompt) -> [String: Double] {
        let width = Double(prompt.scale.upperBound - prompt.scale.lowerBound)
        let base = 0.9 * width / 4
        let lengths = prompt.criteria.map { Double(prompt.instructions[$0]?.count ?? 0) }
        let total = lengths.reduce(0, +)
        var result: [String: Double] = [:]
        for (criterion, length) in zip(prompt.criteria, lengths) {
            let hits = CriterionCues.of(criterion).hits(in: prompt.instructions[criterion] ?? "")
            let sharpen = max(0.3, pow(0.7, Double(hits)))
            var blur = 1.0
            if total > blurThreshold {
                let othersShare = (total - length) / total
                blur = min(3, 1 + 2 * othersShare * (total - blurThreshold) / blurThreshold)
            }
            result[criterion] = base * sharpen * blur
        }
        return result
    }
}
