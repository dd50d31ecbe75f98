/// Levenshtein distance, for "did you mean" suggestions.
enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var previous = Array(0...b.count)
        for (i, scalarA) in a.enumerated() {
            var current = [i + 1]
            for (j, scalarB) in b.enumerated() {
                let substitution = previous[j] + (scalarA == scalarB ? 0 : 1)
                current.append(min(previous[j + 1] + 1, current[j] + 1, substitution))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The candidate closest to `word` within distance 2; the earliest one wins a tie.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        candidates
            .map { (candidate: $0, distance: between(word, $0)) }
            .filter { $0.distance <= 2 }
            .min { $0.distance < $1.distance }?
            .candidate
    }
}
