import ColliderCore

/// Scores a prompt on a split: the test evaluation (reference §5) and the gate's validation
/// score (reference §4).
struct EvaluationStage {
    let context: RunContext

    /// The test items and per-criterion metrics of `prompt` after step `step`.
    func test(step: Int, prompt: TaskPrompt) async throws -> (items: [EvalItemRecord], metrics: [String: TestMetrics]) {
        let items = context.data.test
        let predictions = try await TaskStage(context: context).predict(items, prompt: prompt, step: step, stage: .test)
        let criteria = Set(context.spec.criteria)
        let records = predictions.map {
            EvalItemRecord(
                item: $0.item, gt: context.data.rows[$0.item].groundTruth.filter { criteria.contains($0.key) },
                prediction: $0)
        }
        var metrics: [String: TestMetrics] = [:]
        for (criterion, values) in perCriterion(predictions) { metrics[criterion] = TestMetrics(values) }
        return (records, metrics)
    }

    /// The gate score of `prompt` on the validation set.
    func validationScore(step: Int, prompt: TaskPrompt, stage: CallSite.Stage) async throws -> Double? {
        let predictions = try await TaskStage(context: context).predict(
            context.data.validation, prompt: prompt, step: step, stage: stage)
        return ValidationGate.score(metric: context.spec.gate, perCriterion: perCriterion(predictions).map(\.1))
    }

    /// Metrics per criterion, in criterion order, over the pairs with a prediction.
    private func perCriterion(_ predictions: [PredictionRecord]) -> [(String, MetricValues)] {
        context.spec.criteria.map { criterion in
            let truth = predictions.map { context.data.rows[$0.item].groundTruth[criterion] ?? 0 }
            let values = predictions.map { $0.pred[criterion] ?? nil }
            return (criterion, MetricValues.compute(groundTruth: truth, predictions: values))
        }
    }
}
