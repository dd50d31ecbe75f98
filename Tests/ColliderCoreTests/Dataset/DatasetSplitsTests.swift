import Testing

@testable import ColliderCore

/// The PRNG, splits and minibatches, against `scripts/golden/splits.py` (an independent Python
/// implementation of docs/data.md).
struct DatasetSplitsTests {
    static let paper = SplitConfig(seed: 42, train: 160, test: 480)

    @Test func generatorMatchesPython() {
        var generator = SeededGenerator(seed: 0)
        #expect((0..<3).map { _ in generator.next() } == [
            11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768,
        ])
        var mixer = SplitMix64(state: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(SplitMix64.derive(1, 3) == 13_757_245_211_066_428_519)
    }

    @Test func splitsMatchPython() throws {
        let splits = try Splits.make(rowCount: 1600, split: Self.paper, validationSize: 100)
        #expect(splits.train.prefix(10) == [386, 948, 1147, 345, 1165, 1260, 697, 394, 1429, 4])
        #expect(splits.test.prefix(5) == [1401, 1529, 666, 148, 1003])
        #expect(splits.validation.prefix(5) == [1260, 22, 75, 225, 630])
        #expect(splits.train.reduce(0, +) == 130_444)
        #expect(splits.test.reduce(0, +) == 372_741)
    }

    @Test func splitsAreDeterministicDisjointAndSized() throws {
        let splits = try Splits.make(rowCount: 1600, split: Self.paper, validationSize: 100)
        #expect(try Splits.make(rowCount: 1600, split: Self.paper, validationSize: 100) == splits)
        #expect((splits.train.count, splits.test.count, splits.validation.count) == (160, 480, 100))
        #expect(Set(splits.train).count == 160 && Set(splits.test).count == 480)
        #expect(Set(splits.train).isDisjoint(with: splits.test))
        #expect(Set(splits.validation).count == 100 && Set(splits.validation).isSubset(of: splits.train))
        #expect((splits.train + splits.test).allSatisfy { (0..<1600).contains($0) })
        let other = try Splits.make(
            rowCount: 1600, split: SplitConfig(seed: 43, train: 160, test: 480), validationSize: 100)
        #expect(other.train != splits.train)
    }

    @Test func tooFewRowsNamesTheNumbersAndTheFix() {
        let error = #expect(throws: SplitError.self) {
            try Splits.make(rowCount: 600, split: Self.paper, validationSize: 100)
        }
        #expect(
            error?.description == "the data set has 600 rows, fewer than train 160 + test 480 = 640; "
                + "lower dataset.split.train or dataset.split.test, or use a larger data file")
        #expect(throws: SplitError.self) {
            try Splits.make(rowCount: 1600, split: Self.paper, validationSize: 161)
        }
    }

    @Test func minibatchesMatchPython() throws {
        let train = try Splits.make(rowCount: 1600, split: Self.paper, validationSize: 100).train
        func batch(_ runSeed: Int, stepSeeded: Bool) -> [Int] {
            Minibatches.sample(train: train, batchSize: 3, step: 3, runSeed: runSeed, stepSeeded: stepSeeded)
        }
        #expect(batch(1, stepSeeded: false) == [1031, 720, 75])
        #expect(batch(2, stepSeeded: false) == [1421, 1350, 980])
        #expect(batch(1, stepSeeded: true) == [1481, 1260, 964])
    }

    @Test func runSeedChangesMinibatchesUnlessStepSeeded() throws {
        let train = try Splits.make(rowCount: 1600, split: Self.paper, validationSize: 100).train
        func batches(_ runSeed: Int, stepSeeded: Bool) -> [[Int]] {
            (1...12).map {
                Minibatches.sample(train: train, batchSize: 3, step: $0, runSeed: runSeed, stepSeeded: stepSeeded)
            }
        }
        let runs = [1, 2, 3].map { batches($0, stepSeeded: false) }
        #expect(runs[0] != runs[1] && runs[1] != runs[2] && runs[0] != runs[2])
        #expect(runs[0] == batches(1, stepSeeded: false))
        #expect(Set(runs[0]).count == 12, "every step sees its own minibatch")
        let compat = [1, 2, 3].map { batches($0, stepSeeded: true) }
        #expect(compat[0] == compat[1] && compat[1] == compat[2])
        #expect(runs.joined().allSatisfy { $0.count == 3 && Set($0).isSubset(of: train) })
        let whole = Minibatches.sample(train: [4, 5, 6], batchSize: 5, step: 1, runSeed: 1, stepSeeded: false)
        #expect(whole.sorted() == [4, 5, 6], "a batch larger than the training set is all of it")
    }

    @Test func boundedIntegersStayInRange() {
        var generator = SeededGenerator(seed: 9)
        #expect((0..<1000).allSatisfy { _ in generator.next(below: 7) < 7 })
        #expect(generator.next(below: 1) == 0)
    }
}
