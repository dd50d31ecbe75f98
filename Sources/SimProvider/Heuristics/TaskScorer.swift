/// The simulated task LLM: a score per criterion from the heuristics plus seeded noise, rendered as
/// the fenced JSON a real model returns.
enum TaskScorer {
    /// Scores for every criterion in `prompt`'s instruction list (or the known four when the list
    /// is empty), each an integer in the prompt's scale.
    static func scores(for prompt: TaskPrompt, key: RequestKey) -> [(String, Int)] {
        var prompt = prompt
        if prompt.criteria.isEmpty { prompt.criteria = CriterionCues.knownCriteria }
        let spreads = NoiseModel.spreads(for: prompt)
        let summary = prompt.summary
        let source = prompt.source
        let low = Double(prompt.scale.lowerBound)
        let width = Double(prompt.scale.upperBound) - low
        return prompt.criteria.map { criterion in
            var rng = key.stream("noise:\(criterion)")
            let quality = CriterionHeuristics.quality(of: criterion, summary: summary, source: source)
            let raw = low + quality * width + rng.gaussian() * (spreads[criterion] ?? 0)
            let score = min(prompt.scale.upperBound, max(prompt.scale.lowerBound, Int(raw.rounded())))
            return (criterion, score)
        }
    }

    /// The reply text: a ```json fence around one `"criterion": score` line per criterion.
    static func reply(to text: String, key: RequestKey) -> String {
        let lines = scores(for: TaskPrompt(parsing: text), key: key).map { criterion, score in
            "  \(JSONText.quoted(criterion)): \(score)"
        }
        return "```json\n{\n" + lines.joined(separator: ",\n") + "\n}\n```"
    }
}
