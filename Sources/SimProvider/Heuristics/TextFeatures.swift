import Foundation

/// Plain-text helpers the criterion heuristics share: sentences, words, content words.
enum TextFeatures {
    /// Sentences of `text`: split after `.`, `!` or `?` when whitespace or the end follows.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let atBoundary = index + 1 == characters.count || characters[index + 1].isWhitespace
            if ".!?".contains(character), atBoundary {
                appendTrimmed(current, to: &result)
                current = ""
            }
        }
        appendTrimmed(current, to: &result)
        return result
    }

    /// Words of `text` as written: maximal runs of letters, digits and inner apostrophes.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'") }
            .map { String($0).trimmingApostrophes() }
            .filter { !$0.isEmpty }
    }

    /// Lower-cased words of four letters or more that are not stop words, with a plural `s` dropped.
    static func contentWords(_ text: String) -> [String] {
        words(text).compactMap { word in
            let lower = word.lowercased()
            guard lower.count >= 4, lower.allSatisfy(\.isLetter), !stopWords.contains(lower) else {
                return nil
            }
            return lower.hasSuffix("s") && !lower.hasSuffix("ss") ? String(lower.dropLast()) : lower
        }
    }

    private static func appendTrimmed(_ sentence: String, to result: inout [String]) {
        let trimmed = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { result.append(trimmed) }
    }

    private static let stopWords: Set<String> = [
        "about", "above", "after", "again", "against", "also", "been", "before", "being", "below",
        "between", "both", "could", "does", "doing", "down", "during", "each", "from", "further",
        "have", "having", "here", "into", "itself", "just", "more", "most", "much", "only", "other",
        "over", "said", "same", "says", "should", "some", "such", "than", "that", "their", "theirs",
        "them", "then", "there", "these", "they", "this", "those", "through", "under", "until",
        "very", "were", "what", "when", "where", "which", "while", "will", "with", "would", "your",
        "year", "years", "told", "like", "many",
    ]
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var text = Substring(self)
        while text.first == "'" { text = text.dropFirst() }
        while text.last == "'" { text = text.dropLast() }
        return String(text)
    }
}
