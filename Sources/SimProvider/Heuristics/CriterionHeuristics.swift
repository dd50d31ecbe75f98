import Foundation

/// The simulated judge's "perception" of a summary: one quality in [0, 1] per known criterion,
/// computed from the prompt's own text only (never from ground truth). See `docs/sim-provider.md`.
enum CriterionHeuristics {
    /// The quality of `summary` against `source` for `criterion`; an unknown criterion gets the
    /// mean of the four known ones.
    static func quality(of criterion: String, summary: String, source: String) -> Double {
        switch criterion.lowercased() {
        case "fluency": return fluency(summary)
        case "consistency": return consistency(summary, source: source)
        case "relevance": return relevance(summary, source: source)
        case "coherence": return coherence(summary, source: source)
        default:
            let known = CriterionCues.knownCriteria.map { quality(of: $0, summary: summary, source: source) }
            return known.reduce(0, +) / Double(known.count)
        }
    }

    /// Sentence well-formedness: repeated words, lowercase starts, run-ons over 35 words, doubled
    /// punctuation; quality falls with the number of problems per sentence.
    static func fluency(_ summary: String) -> Double {
        let sentences = TextFeatures.sentences(summary)
        guard !sentences.isEmpty else { return 0 }
        var problems = 0
        for sentence in sentences {
            let words = TextFeatures.words(sentence)
            if let first = sentence.first(where: \.isLetter), first.isLowercase { problems += 1 }
            if words.count > 35 { problems += 1 + (words.count - 35) / 20 }
            problems += zip(words, words.dropFirst()).filter { $0.lowercased() == $1.lowercased() }.count
        }
        let doubled = [",,", "..", "!!", "??", ";;", " ,", " .", ",.", ".,"]
        problems += doubled.map { summary.occurrences(of: $0) }.reduce(0, +)
        let rate = Double(problems) / Double(sentences.count)
        return 0.05 + 0.9 / (1 + 1.2 * rate)
    }

    /// The share of the summary's numbers and capitalized names (not sentence-initial) that the
    /// source contains.
    static func consistency(_ summary: String, source: String) -> Double {
        let sourceWords = Set(TextFeatures.words(source))
        var checked = 0
        var found = 0
        for sentence in TextFeatures.sentences(summary) {
            for word in TextFeatures.words(sentence).dropFirst() where isNameOrNumber(word) {
                checked += 1
                if sourceWords.contains(word) { found += 1 }
            }
        }
        guard checked > 0 else { return 0.75 }
        return 0.1 + 0.85 * Double(found) / Double(checked)
    }

    /// The overlap of the summary's content words with the source's eight most frequent ones,
    /// less a penalty for redundancy (the share of the summary's content words that repeat).
    static func relevance(_ summary: String, source: String) -> Double {
        let top = mostFrequent(TextFeatures.contentWords(source), count: 8)
        let words = TextFeatures.contentWords(summary)
        guard !top.isEmpty, !words.isEmpty else { return 0.5 }
        let distinct = Set(words)
        let coverage = Double(distinct.intersection(top).count) / Double(top.count)
        let redundancy = 1 - Double(distinct.count) / Double(words.count)
        return max(0, min(1, 0.2 + coverage) - 1.2 * redundancy)
    }

    /// Ordering cues: a dangling connective opening the summary, and whether summary sentences
    /// follow the order of the source sentences they draw on.
    static func coherence(_ summary: String, source: String) -> Double {
        let sentences = TextFeatures.sentences(summary)
        guard let first = sentences.first else { return 0 }
        let opener = TextFeatures.words(first).first?.lowercased() ?? ""
        let dangling = danglingConnectives.contains(opener) ? 0.35 : 0
        let positions = sourcePositions(of: sentences, in: TextFeatures.sentences(source))
        var ordered = 0
        var pairs = 0
        for i in positions.indices {
            for j in positions.indices where j > i {
                pairs += 1
                if positions[i] <= positions[j] { ordered += 1 }
            }
        }
        let order = pairs == 0 ? 0.8 : Double(ordered) / Double(pairs)
        return min(1, max(0, 0.15 + 0.8 * order - dangling))
    }

    private static let danglingConnectives: Set<String> = [
        "however", "therefore", "thus", "moreover", "furthermore", "additionally", "consequently",
        "nevertheless", "meanwhile", "hence", "but", "also", "so", "instead", "otherwise",
    ]

    private static func isNameOrNumber(_ word: String) -> Bool {
        guard let first = word.first else { return false }
        return word.allSatisfy(\.isNumber) || (first.isUppercase && word.count >= 2)
    }

    private static func mostFrequent(_ words: [String], count: Int) -> Set<String> {
        var frequency: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        for (index, word) in words.enumerated() {
            frequency[word, default: 0] += 1
            if firstSeen[word] == nil { firstSeen[word] = index }
        }
        let ranked = frequency.keys.sorted {
            (frequency[$0]!, -firstSeen[$0]!) > (frequency[$1]!, -firstSeen[$1]!)
        }
        return Set(ranked.prefix(count))
    }

    /// For each summary sentence, the index of the source sentence sharing most content words
    /// with it (sentences sharing none are left out).
    private static func sourcePositions(of sentences: [String], in source: [String]) -> [Int] {
        let sourceWords = source.map { Set(TextFeatures.contentWords($0)) }
        return sentences.compactMap { sentence in
            let words = Set(TextFeatures.contentWords(sentence))
            var best: (index: Int, shared: Int)?
            for (index, candidate) in sourceWords.enumerated() {
                let shared = words.intersection(candidate).count
                if shared > 0, shared > (best?.shared ?? 0) { best = (index, shared) }
            }
            return best?.index
        }
    }
}

extension String {
    /// Non-overlapping occurrences of `needle`.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
