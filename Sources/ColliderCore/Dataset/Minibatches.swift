/// Training minibatches (reference-pipeline §1.1 step b, decisions 4).
public enum Minibatches {
    /// The minibatch of optimization step `step`: `train` shuffled with a generator seeded with
    /// `SplitMix64.derive(runSeed, step)`, then its first `batchSize` entries (all of them when
    /// `batchSize ≥ train.count`).
    ///
    /// The run seed is real (decisions 4): runs with different seeds see different minibatches.
    /// With `stepSeeded` (compat `step_seeded_minibatches`) the run seed is replaced by 0, so every
    /// run sees the same minibatch at a given step, as the released code does.
    public static func sample(
        train: [Int], batchSize: Int, step: Int, runSeed: Int, stepSeeded: Bool
    ) -> [Int] {
        var generator = SeededGenerator(
            seed: SplitMix64.derive(stepSeeded ? 0 : runSeed, step))
        return Array(generator.shuffled(train).prefix(max(0, batchSize)))
    }
}
