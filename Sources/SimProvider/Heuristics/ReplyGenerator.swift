/// The content of a reply: a pure function of the prompt, the role and the request key.
enum ReplyGenerator {
    /// The assistant message for `prompt` sent as `role`; `malformedRate` is the chance that an
    /// optimizer reply is malformed, decided from the request key.
    static func content(role: SimRole, prompt: String, key: RequestKey, malformedRate: Double) -> String {
        switch role {
        case .task:
            return TaskScorer.reply(to: prompt, key: key)
        case .loss:
            return CritiqueWriter.loss(prompt: prompt, key: key)
        case .gradient:
            return CritiqueWriter.gradient(prompt: prompt, key: key)
        case .optimizer:
            var rng = key.stream("malformed")
            return OptimizerWriter.reply(to: prompt, key: key, malformed: rng.unit() < malformedRate)
        case .judge:
            return JudgeWriter.reply(to: prompt, key: key)
        }
    }
}
