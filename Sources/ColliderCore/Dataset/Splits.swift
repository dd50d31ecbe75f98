/// The train, test and validation row indices of one sweep (reference-pipeline §4 and §6,
/// decisions 5). Indices are positions in ``Dataset/rows``.
public struct Splits: Sendable, Equatable {
    /// Training rows, in shuffled order; minibatches are drawn from these.
    public var train: [Int]
    /// Test rows, in shuffled order; disjoint from `train`.
    public var test: [Int]
    /// The validation-gate rows: a subset of `train`, fixed for the whole sweep (decisions 5).
    public var validation: [Int]

    /// The XOR mask that turns the split seed into the validation draw's seed ("VALIDATE" in ASCII).
    static let validationSeedMask: UInt64 = 0x5641_4C49_4441_5445

    /// Shuffles rows `0..<rowCount` with a generator seeded with `split.seed`; the first
    /// `split.train` become the training set and the next `split.test` the test set. The
    /// validation set is the first `validationSize` entries of the training set shuffled again with
    /// a generator seeded with `split.seed XOR validationSeedMask`.
    public static func make(rowCount: Int, split: SplitConfig, validationSize: Int) throws(SplitError)
        -> Splits
    {
        guard split.train > 0, split.test > 0, validationSize >= 0 else {
            throw SplitError(
                "dataset.split needs positive train and test sizes and a validation size ≥ 0 "
                    + "(train \(split.train), test \(split.test), validation \(validationSize))")
        }
        guard rowCount >= split.train + split.test else {
            throw SplitError(
                "the data set has \(rowCount) rows, fewer than train \(split.train) + test "
                    + "\(split.test) = \(split.train + split.test); lower dataset.split.train or "
                    + "dataset.split.test, or use a larger data file")
        }
        guard validationSize <= split.train else {
            throw SplitError(
                "the validation set (pipeline.validation_size \(validationSize)) is drawn from the "
                    + "training set and cannot exceed dataset.split.train \(split.train); lower one "
                    + "or raise the other")
        }
        var generator = SeededGenerator(seed: split.seed)
        let order = generator.shuffled(Array(0..<rowCount))
        let train = Array(order[0..<split.train])
        let test = Array(order[split.train..<(split.train + split.test)])
        var validationGenerator = SeededGenerator(seed: split.seed ^ validationSeedMask)
        let validation = Array(validationGenerator.shuffled(train).prefix(validationSize))
        return Splits(train: train, test: test, validation: validation)
    }
}

/// Why a split could not be made; the description names the numbers and the fix.
public struct SplitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, e.g. "the data set has 600 rows, fewer than train 160 + test 480 = 640; …".
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
