import Testing

@testable import ColliderCore

extension MetricsTests {
    /// Golden volumes from a brute-force inclusion–exclusion over `itertools.combinations`, summed
    /// with `math.fsum` (scripts/golden/metrics.py, section "hypervolume"); reference point −1
    /// unless stated (§5.4).
    struct HypervolumeTests {
        struct Golden: Sendable, CustomTestStringConvertible {
            let name: String
            let points: [[Double]]
            var reference: [Double] = [-1, -1, -1, -1]
            let kept: Int
            let volume: Double

            var testDescription: String { name }
        }

        static let paperInitial = [0.366, 0.208, 0.308, 0.256]

        static let cases: [Golden] = [
            Golden(name: "paperInitial", points: [paperInitial], kept: 1, volume: 2.710909484544),
            Golden(
                name: "twoDimensional",
                points: [[1, 3], [2, 2], [3, 1], [1, 1], [2, 2]], reference: [0, 0], kept: 4,
                volume: 6),
            Golden(
                name: "dominatedAndOutside",
                points: [
                    [0.3, 0.2, 0.3, 0.2], [0.1, 0.1, 0.1, 0.1], [0.3, 0.2, 0.3, 0.2],
                    [0.5, -1.2, 0.9, 0.9], [0.2, 0.4, 0.1, 0.3],
                ], kept: 4, volume: 2.9352),
            Golden(
                name: "lcg13", points: GoldenInputs.points(seed: 13, count: 13), kept: 9,
                volume: 5.179489461111448),
            Golden(
                name: "lcg16", points: GoldenInputs.points(seed: 16, count: 16), kept: 5,
                volume: 6.49197069931073),
            Golden(
                name: "lcg20", points: GoldenInputs.points(seed: 20, count: 20), kept: 11,
                volume: 8.102643959123842),
            Golden(
                name: "front13", points: GoldenInputs.front(seed: 113, count: 13), kept: 13,
                volume: 6.472717627987703),
            Golden(
                name: "front20", points: GoldenInputs.front(seed: 120, count: 20), kept: 20,
                volume: 6.713100821068007),
        ]

        @Test(arguments: cases, [Hypervolume.Algorithm.automatic, .inclusionExclusion, .wfg])
        func matchesBruteForce(golden: Golden, algorithm: Hypervolume.Algorithm) {
            let volume = Hypervolume.volume(
                of: golden.points, reference: golden.reference, algorithm: algorithm)
            #expect(isClose(volume, golden.volume))
        }

        @Test(arguments: cases)
        func keepsTheScriptsNonDominatedPoints(golden: Golden) {
            #expect(Hypervolume.nonDominated(golden.points).count == golden.kept)
        }

        /// §5.4 sanity check: one point at the paper's initial per-task Spearman.
        @Test func singlePointIsTheProductOfShiftedCoordinates() {
            let volume = Hypervolume.volume(of: [Self.paperInitial], reference: [-1, -1, -1, -1])
            #expect(isClose(volume, 1.366 * 1.208 * 1.308 * 1.256))
        }

        /// Issue 6's minimization check: reference (1, 1, 1, 1) and four points → 0.2112
        /// (brute-force inclusion–exclusion in Python: 0.21119999999999997). Minimization is
        /// maximization of the negated points above the negated reference.
        @Test(arguments: [Hypervolume.Algorithm.automatic, .inclusionExclusion, .wfg])
        func minimizationVectorFromTheIssue(_ algorithm: Hypervolume.Algorithm) {
            let points: [[Double]] = [
                [0.2, 0.5, 0.4, 0.6], [0.5, 0.2, 0.6, 0.4], [0.4, 0.6, 0.2, 0.5], [0.6, 0.4, 0.5, 0.2],
            ]
            let volume = Hypervolume.volume(
                of: points.map { $0.map { -$0 } }, reference: [-1, -1, -1, -1], algorithm: algorithm)
            #expect(abs(volume - 0.2112) < 1e-12)
        }

        @Test func dropsDominatedPointsAndKeepsDuplicates() {
            let points: [[Double]] = [
                [0.2, 0.2], [0.1, 0.2], [0.2, 0.2], [0.3, 0.1], [0.3, 0.0],
            ]
            #expect(Hypervolume.nonDominated(points) == [[0.2, 0.2], [0.2, 0.2], [0.3, 0.1]])
            // Dominated points add nothing to the volume.
            #expect(
                Hypervolume.volume(of: points, reference: [0, 0])
                    == Hypervolume.volume(of: [[0.2, 0.2], [0.3, 0.1]], reference: [0, 0]))
        }

        @Test func pointsNotAboveTheReferenceCountForNothing() {
            #expect(Hypervolume.volume(of: [], reference: [-1, -1]) == 0)
            #expect(Hypervolume.volume(of: [[-1, 0.5], [0.2, -1.5]], reference: [-1, -1]) == 0)
            #expect(Hypervolume.volume(of: [[.nan, 0.5], [0, 0]], reference: [-1, -1]) == 1)
        }

        /// Decision 15: the archive of steps 0…s, for a 13-step trajectory (`TRAJECTORY` in the script).
        @Test func cumulativeSeriesMatchesBruteForce() {
            let series = Hypervolume.cumulativeHypervolume(
                points: GoldenInputs.points(seed: 2026, count: 13, low: 0.15, high: 0.40),
                reference: [-1, -1, -1, -1])
            let golden = [
                2.2286771094042437, 2.8165047629414395, 3.233097093338678, 3.274684448416516,
                3.3267052899253895, 3.345784080610908, 3.3859825329213504, 3.3859825329213504,
                3.3859825329213504, 3.4637376377229137, 3.4978240585982827, 3.498395250314151,
                3.498395250314151,
            ]
            #expect(series.count == golden.count)
            for (value, expected) in zip(series, golden) {
                #expect(isClose(value, expected))
            }
        }

        @Test(arguments: [1 as UInt64, 7, 42, 2026])
        func cumulativeSeriesNeverDecreases(seed: UInt64) {
            var points = GoldenInputs.points(seed: seed, count: 13)
            points.insert(points[3], at: 6)  // a re-evaluated, identical step
            let series = Hypervolume.cumulativeHypervolume(
                points: points, reference: [-1, -1, -1, -1])
            #expect(series.count == points.count)
            #expect(zip(series, series.dropFirst()).allSatisfy { $0 <= $1 })
            let final = Hypervolume.volume(of: points, reference: [-1, -1, -1, -1])
            #expect(isClose(series.last ?? 0, final))
        }

        @Test(arguments: [13, 20], [3 as UInt64, 5, 8, 99])
        func inclusionExclusionAndWFGAgree(count: Int, seed: UInt64) {
            for points in [
                GoldenInputs.points(seed: seed, count: count),
                GoldenInputs.front(seed: seed, count: count),
            ] {
                let byInclusionExclusion = Hypervolume.volume(
                    of: points, reference: [-1, -1, -1, -1], algorithm: .inclusionExclusion)
                let byWFG = Hypervolume.volume(
                    of: points, reference: [-1, -1, -1, -1], algorithm: .wfg)
                #expect(byInclusionExclusion > 0)
                #expect(isClose(byInclusionExclusion, byWFG))
            }
        }
    }
}
