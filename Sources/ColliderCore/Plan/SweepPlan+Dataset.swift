extension SweepPlan {
    /// Loads the config's data set, splits it, measures its samples and plans the sweep.
    public static func make(for config: SweepConfig) throws -> SweepPlan {
        let dataset = try DatasetLoader.load(config.dataset)
        let splits = try Splits.make(
            rowCount: dataset.rows.count, split: config.dataset.split,
            validationSize: config.pipeline.validationSize)
        let labels = config.dataset.inputs.map(\.label)
        func meanSampleChars(_ indices: [Int]) -> Double {
            guard !indices.isEmpty else { return 0 }
            let total = indices.reduce(0) { sum, index in
                sum + zip(labels, dataset.rows[index].inputs).reduce(0) { $0 + $1.0.count + 2 + $1.1.count + 1 }
            }
            return Double(total) / Double(indices.count)
        }
        return SweepPlan(
            config: config, datasetFingerprint: dataset.fingerprint,
            tokens: TokenModel(testSampleChars: meanSampleChars(splits.test), trainSampleChars: meanSampleChars(splits.train)))
    }
}
