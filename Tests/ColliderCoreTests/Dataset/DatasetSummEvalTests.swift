import Testing

@testable import ColliderCore

/// SummEval as the paper configs load it, checked against `scripts/golden/summeval_gt.py`.
struct DatasetSummEvalTests {
    /// Loaded once per test process: the file is 9.5 MB.
    static let summEval = Result { () throws(DatasetError) in
        try DatasetLoader.load(DatasetFixtures.summEvalConfig())
    }

    @Test func loadsAllPairsWithInputsInConfigOrder() throws {
        let dataset = try Self.summEval.get()
        #expect(dataset.rows.count == 1600)
        #expect(dataset.skipped.isEmpty)
        let first = try #require(dataset.rows.first)
        #expect(first.index == 0 && first.line == 1)
        #expect(first.inputs[0].hasPrefix("paul merson has restarted his row"))
        #expect(first.inputs[1].hasPrefix("Paul Merson has restarted his row"))
        // Row 1: means 2.667, 5.0, 4.333, 2.0 → 3, 5, 4, 2.
        #expect(first.groundTruth == ["coherence": 3, "consistency": 5, "fluency": 4, "relevance": 2])
        #expect(dataset.rows.map(\.index) == Array(0..<1600))
    }

    /// Golden counts of ratings 1…5 per criterion from `scripts/golden/summeval_gt.py`, which rounds
    /// the exact fractions half-up.
    @Test(arguments: [
        ("fluency", [10, 39, 82, 178, 1291]),
        ("relevance", [11, 120, 362, 837, 270]),
        ("coherence", [38, 326, 422, 579, 235]),
        ("consistency", [35, 82, 37, 59, 1387]),
    ])
    func groundTruthDistributionMatchesPython(criterion: String, counts: [Int]) throws {
        let dataset = try Self.summEval.get()
        let truth = dataset.rows.compactMap { $0.groundTruth[criterion] }
        #expect((1...5).map { rating in truth.count { $0 == rating } } == counts)
    }

    @Test func fingerprintMatchesPython() throws {
        let dataset = try Self.summEval.get()
        #expect(dataset.fingerprint == "bb841dd8a8ae3c890f7f2c5962fe33407259e764e6af380c1c527634fcbbacc7")
    }
}
