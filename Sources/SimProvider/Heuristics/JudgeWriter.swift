/// The simulated diagnostics judge (reference §8.4): an integer 1–10 as plain text. The value is
/// seeded by the request and nudged up by the number of known-criterion cues the prompt's text
/// holds, so more specific gradients tend to rate higher.
enum JudgeWriter {
    /// The reply: one integer in 1…10.
    static func reply(to prompt: String, key: RequestKey) -> String {
        var rng = key.stream("judge")
        let lower = prompt.lowercased()
        let cueCount = CriterionCues.knownCriteria
            .flatMap { CriterionCues.of($0).cues }
            .filter { lower.contains($0) }
            .count
        let base = 3 + Int(rng.next() % 5)
        return String(min(10, max(1, base + min(3, cueCount / 3))))
    }
}
