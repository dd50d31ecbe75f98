/// The simulated loss and gradient LLMs: deterministic critiques that name the criteria the prompt
/// is about (reference §1.3–§1.4).
enum CritiqueWriter {
    /// A loss critique: one short paragraph per criterion, reading the comparison result
    /// (`CORRECT` / `INCORRECT (difference: d)`) from `<OUTPUT_OF_FUNCTION>` when present.
    static func loss(prompt: String, key: RequestKey) -> String {
        let finder = CriteriaFinder(prompt: prompt)
        let outcome = CriteriaFinder.blocks(named: "OUTPUT_OF_FUNCTION", in: prompt).first ?? ""
        var rng = key.stream("loss")
        let names = finder.criteria.isEmpty ? ["the criterion"] : finder.criteria
        return names.map { criterion in
            let cues = CriterionCues.of(criterion).cues
            let cue = cues.isEmpty ? "the evidence in the source text" : cues[Int(rng.next() % UInt64(cues.count))]
            let line = outcome.split(separator: "\n").first { $0.contains(criterion) }.map(String.init) ?? outcome
            if line.contains("INCORRECT") {
                let difference = line.range(of: "difference: ").map { line[$0.upperBound...].prefix { $0 != ")" } }
                let gap = difference.map { " by \($0)" } ?? ""
                return "The \(criterion) prediction misses the ground truth\(gap). It reads as if the "
                    + "instruction for \(criterion) gave no guidance on \(cue); the correct prediction "
                    + "would weigh \(cue) explicitly before settling on a score."
            }
            return "The \(criterion) prediction matches the ground truth. The instruction for "
                + "\(criterion) led to a calibrated judgment; keep its attention to \(cue)."
        }.joined(separator: "\n\n")
    }

    /// A gradient: exactly three paragraphs (what works, what went wrong, how to improve), with no
    /// blank line inside a paragraph.
    static func gradient(prompt: String, key: RequestKey) -> String {
        let finder = CriteriaFinder(prompt: prompt)
        let names = finder.criteria.isEmpty ? ["the criterion"] : finder.criteria
        var rng = key.stream("gradient")
        let list = names.joined(separator: ", ")
        let works = "What works: the instructions for \(list) already ask for a single score on the "
            + "given scale and keep the output format simple; keep the scale anchors and the request "
            + "for JSON output."
        let problems = names.map { criterion in
            let cues = CriterionCues.of(criterion).cues
            let cue = cues.isEmpty ? "concrete evidence" : cues[Int(rng.next() % UInt64(cues.count))]
            return "the \(criterion) instruction never says how \(cue) should move the score"
        }
        let wrong = "What caused the wrong predictions: " + problems.joined(separator: "; ") + "."
        let fixes = names.map { criterion in
            let advice = CriterionCues.of(criterion).advice
            return "for \(criterion), add: \"\(advice[Int(rng.next() % UInt64(advice.count))])\""
        }
        let improve = "How to improve while keeping what works: " + fixes.joined(separator: "; ") + "."
        return [works, wrong, improve].joined(separator: "\n\n")
    }
}
