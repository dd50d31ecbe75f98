import Testing

@testable import ColliderCore

extension MetricsTests {
    struct BestStepTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let stepMeans: [Double]
            let step: Int
            let best: Double
            let delta: Double

            var testDescription: String { name }
        }

        @Test(arguments: [
            // §5.5 shapes: a gain at a later step; a best at step 0 (Δ = +0.000).
            Case(
                name: "later", stepMeans: [0.285, 0.29, 0.296, 0.291], step: 2, best: 0.296,
                delta: 0.011),
            Case(
                name: "initial", stepMeans: [0.284, 0.281, 0.270], step: 0, best: 0.284, delta: 0),
            // Decision 16: equal maxima go to the earliest step.
            Case(
                name: "tie", stepMeans: [0.2, 0.3, 0.1, 0.3, 0.3], step: 1, best: 0.3, delta: 0.1),
            Case(name: "nan", stepMeans: [0.2, .nan, 0.25], step: 2, best: 0.25, delta: 0.05),
        ])
        func picksTheEarliestMaximum(example: Case) throws {
            let best = try #require(BestStep(stepMeans: example.stepMeans))
            #expect(best.step == example.step)
            #expect(best.best == example.best)
            #expect(best.initial == example.stepMeans[0])
            #expect(isClose(best.delta, example.delta))
        }

        @Test func emptyOrAllNaNHasNoBest() {
            #expect(BestStep(stepMeans: []) == nil)
            #expect(BestStep(stepMeans: [.nan, .nan]) == nil)
        }

        /// §8.3 cherry-pick: MAE is lower-is-better, and the first of equal values wins.
        @Test func lowerIsBetterKeepsTheFirstMinimum() {
            #expect(BestStep.firstBestIndex([0.9, 0.7, 0.8, 0.7], preferring: .lower) == 1)
            #expect(BestStep.firstBestIndex([.nan, 0.7, 0.6], preferring: .lower) == 2)
        }
    }
}
