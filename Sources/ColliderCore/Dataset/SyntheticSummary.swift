/// A synthetic summary of a ``SyntheticArticle`` with a controlled number of defects per criterion.
///
/// Each criterion gets 0–4 defects (probabilities 40/25/15/12/8 %) and its rating is 5 − defects.
/// The defects of a criterion are applied cumulatively in the order listed:
/// - consistency: the summary contradicts the article on 1–4 of person, number, city and
///   organisation (which ones is random);
/// - relevance: (1) a minor detail (the venue) is added, (2) a filler sentence is added, (3) the
///   weather is put first, (4) the cost-and-vote sentence is dropped;
/// - coherence: (1) the sentence order is reversed, (2) the second sentence opens with a
///   connective that does not follow, (3) the summary opens with a dangling "However,", (4) a
///   closing sentence whose pronouns refer to nothing is added;
/// - fluency: (1) a word is repeated, (2) "will" becomes "will to", (3) the last two sentences run
///   on in lower case, (4) two adjacent words of the last sentence swap.
struct SyntheticSummary {
    /// Defects per criterion, 0–4, in `SyntheticDataset.criteria` order.
    var defects: [Int]
    var text: String

    /// Rating per criterion in `SyntheticDataset.criteria` order: 5 − defects.
    var ratings: [Int] { defects.map { 5 - $0 } }

    init(article: SyntheticArticle, generator g: inout SeededGenerator) {
        defects = SyntheticDataset.criteria.map { _ in Self.defectCount(&g) }
        let (fluency, relevance, coherence, consistency) = (defects[0], defects[1], defects[2], defects[3])
        let facts = Self.contradicting(article.facts, count: consistency, &g)
        var sentences = [
            "\(facts.person), the \(facts.role) of the \(facts.organisation), said it will \(facts.action) \(facts.number) new \(facts.things) in \(facts.city).",
            "The plan will cost \(facts.money) million dollars, and a vote is expected in \(facts.month).",
        ]
        if relevance >= 1 { sentences.append("The announcement was made at the \(article.venue).") }
        if relevance >= 2 { sentences.append(g.pick(SyntheticWords.fillers)) }
        if relevance >= 3 { sentences.insert("The weather on the day was \(article.weather).", at: 0) }
        if relevance >= 4 { sentences.removeAll { $0.hasPrefix("The plan will cost") } }
        if coherence >= 1 { sentences.reverse() }
        if coherence >= 2 {
            sentences[1] = g.pick(SyntheticWords.misleadingConnectives) + Self.lowercasingArticle(sentences[1])
        }
        if coherence >= 3 { sentences[0] = "However, " + Self.lowercasingArticle(sentences[0]) }
        if coherence >= 4 { sentences.append("That is why they were wrong about it.") }
        if fluency >= 1 { sentences[0] = Self.repeatingWord(sentences[0], &g) }
        if fluency >= 2, let index = sentences.firstIndex(where: { $0.contains("will ") }) {
            sentences[index] = sentences[index].replacing("will ", with: "will to ", maxReplacements: 1)
        }
        if fluency >= 3 {
            let last = sentences.removeLast()
            sentences[sentences.count - 1] = String(sentences[sentences.count - 1].dropLast()).lowercased()
                + " and " + last.lowercased()
        }
        if fluency >= 4 { sentences[sentences.count - 1] = Self.swappingWords(sentences[sentences.count - 1], &g) }
        text = sentences.joined(separator: " ")
    }

    private static func defectCount(_ g: inout SeededGenerator) -> Int {
        let draw = g.index(below: 100)
        return [40, 65, 80, 92].firstIndex { draw < $0 } ?? 4
    }

    private static func contradicting(
        _ facts: SyntheticArticle.KeyFacts, count: Int, _ g: inout SeededGenerator
    ) -> SyntheticArticle.KeyFacts {
        typealias W = SyntheticWords
        var changed = facts
        for fact in g.shuffled(["person", "number", "city", "organisation"]).prefix(count) {
            switch fact {
            case "person":
                let first = g.pick(W.firstNames, other: String(facts.person.prefix { $0 != " " }))
                changed.person = first + " " + g.pick(W.lastNames)
            case "number": changed.number = facts.number + 1 + g.index(below: 9)
            case "city": changed.city = g.pick(W.cities, other: facts.city)
            default: changed.organisation = g.pick(W.organisations, other: facts.organisation)
            }
        }
        return changed
    }

    /// Lower-cases a sentence's first letter when it opens with a common word, not a name.
    private static func lowercasingArticle(_ sentence: String) -> String {
        let opener = sentence.prefix { $0 != " " }
        guard ["The", "Many", "It"].contains(opener), let first = sentence.first else { return sentence }
        return first.lowercased() + sentence.dropFirst()
    }

    private static func repeatingWord(_ sentence: String, _ g: inout SeededGenerator) -> String {
        var words = sentence.split(separator: " ", omittingEmptySubsequences: false)
        let position = 1 + g.index(below: words.count - 2)
        words.insert(words[position], at: position)
        return words.joined(separator: " ")
    }

    private static func swappingWords(_ sentence: String, _ g: inout SeededGenerator) -> String {
        var words = sentence.split(separator: " ", omittingEmptySubsequences: false)
        let position = 1 + g.index(below: words.count - 3)
        words.swapAt(position, position + 1)
        return words.joined(separator: " ")
    }
}
