/// What each SummEval criterion is about, in words: the cues an instruction can name (which sharpen
/// the simulated judge) and the sentences the simulated optimizer and critics write about it.
struct CriterionCues: Sendable {
    /// Lower-case stems; an instruction that contains one names this criterion's cue.
    let cues: [String]
    /// Sentences the simulated optimizer appends to an instruction, one per step.
    let advice: [String]

    /// The cues of `criterion` (case-insensitive), or generic ones for an unknown criterion.
    static func of(_ criterion: String) -> CriterionCues {
        table[criterion.lowercased()] ?? generic
    }

    /// The criteria the heuristics know, in SummEval order.
    static let knownCriteria = ["coherence", "consistency", "fluency", "relevance"]

    /// How many of this criterion's cues `instruction` names.
    func hits(in instruction: String) -> Int {
        let lower = instruction.lowercased()
        return cues.filter { lower.contains($0) }.count
    }

    private static let table: [String: CriterionCues] = [
        "fluency": CriterionCues(
            cues: ["grammar", "grammatical", "punctuation", "spelling", "well-formed", "awkward", "readab"],
            advice: [
                "Check grammar and punctuation in every sentence.",
                "Penalize repeated words, spelling mistakes and sentences that start in lowercase.",
                "Treat long run-on sentences and doubled punctuation as awkward, poorly formed writing.",
                "Reward text that is well-formed and easy to read aloud.",
            ]),
        "consistency": CriterionCues(
            cues: ["contradict", "fact", "hallucinat", "unsupported", "faithful", "accura"],
            advice: [
                "Check every fact in the summary against the source text.",
                "Penalize names and numbers that do not appear in the source or that contradict it.",
                "Treat unsupported claims as hallucinations, even if they sound plausible.",
                "Reward summaries that are faithful and accurate to the source.",
            ]),
        "relevance": CriterionCues(
            cues: ["key point", "important", "main idea", "essential", "salient", "redundan"],
            advice: [
                "Check that the summary covers the key points of the source text.",
                "Penalize summaries that miss the most important information or dwell on details.",
                "Treat redundant sentences as a loss of relevance.",
                "Reward summaries that keep the main ideas and the essential facts.",
            ]),
        "coherence": CriterionCues(
            cues: ["order", "flow", "structure", "logical", "transition", "organiz"],
            advice: [
                "Check that sentences follow a logical order and build on each other.",
                "Penalize a broken structure, such as an opening 'However' with nothing before it.",
                "Check the flow: the summary should follow the structure of the source.",
                "Reward well-organized summaries with clear transitions.",
            ]),
    ]

    private static let generic = CriterionCues(
        cues: [],
        advice: [
            "Judge the summary against the source text carefully.",
            "Use the whole scale and reserve the extremes for clear cases.",
            "Name to yourself the strongest flaw before choosing the score.",
        ])
}
