/// `pipeline:`: the optimization loop's sizes and evaluation schedule.
extension ConfigLoader {
    static let pipelineKeys = [
        "steps", "batch_size", "validation_size", "eval_every", "eval_initial", "eval_first_step", "eval_last_step",
        "json_attempts", "optimizer_attempts",
    ]

    /// `trainSize` is `dataset.split.train`, which bounds the batch and validation sizes; nil when
    /// the split is broken, and then the bounds go unchecked.
    static func parsePipeline(_ value: ConfigValue, trainSize: Int?) -> PipelineConfig? {
        guard let map = value.mapping(allowedKeys: pipelineKeys) else { return nil }
        func drawnFromTraining(_ value: ConfigValue, _ what: String) -> Int? {
            guard let size = value.int(minimum: 1) else { return nil }
            if let trainSize, size > trainSize {
                value.reader.report(
                    "\(size) is more than dataset.split.train (\(trainSize)); \(what) is drawn from the training "
                        + "split, so use at most \(trainSize)",
                    at: value.place)
                return nil
            }
            return size
        }
        let steps = map.read("steps") { $0.int(minimum: 1) }
        let batchSize = map.read("batch_size") { drawnFromTraining($0, "the minibatch") }
        let validationSize = map.read("validation_size") { drawnFromTraining($0, "the validation set") }
        let evalEvery = map.read("eval_every", default: 1) { $0.int(minimum: 1) }
        let evalInitial = map.read("eval_initial", default: true) { $0.bool() }
        let evalFirstStep = map.read("eval_first_step", default: true) { $0.bool() }
        let evalLastStep = map.read("eval_last_step", default: true) { $0.bool() }
        let jsonAttempts = map.read("json_attempts", default: 5) { $0.int(minimum: 1) }
        let optimizerAttempts = map.read("optimizer_attempts", default: 5) { $0.int(minimum: 1) }
        guard let steps, let batchSize, let validationSize, let evalEvery, let evalInitial, let evalFirstStep,
            let evalLastStep, let jsonAttempts, let optimizerAttempts
        else { return nil }
        return PipelineConfig(
            steps: steps, batchSize: batchSize, validationSize: validationSize, evalEvery: evalEvery,
            evalInitial: evalInitial, evalFirstStep: evalFirstStep, evalLastStep: evalLastStep,
            jsonAttempts: jsonAttempts, optimizerAttempts: optimizerAttempts)
    }
}
