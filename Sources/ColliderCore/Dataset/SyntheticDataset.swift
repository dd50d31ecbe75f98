/// Deterministic synthetic SummEval-like rows for offline runs and tests (docs/data.md).
///
/// Every four rows share one template-generated news article (fields `doc_id`, `source`) and
/// differ in the summary (`system_id` S0…S3, `summary`), whose ratings for fluency, relevance,
/// coherence and consistency are 5 minus the number of defects of that kind injected into it
/// (see ``SyntheticSummary``). Article `a` is drawn from a generator seeded with
/// `SplitMix64.derive(seed, 2a)` and row `i`'s summary from `SplitMix64.derive(seed, 2i + 1)`, so a
/// row does not depend on how many rows are generated.
public enum SyntheticDataset {
    /// The criteria every row rates, in the order the rows list them.
    public static let criteria = ["fluency", "relevance", "coherence", "consistency"]
    /// Summaries per article.
    static let summariesPerArticle = 4

    /// `rows` JSONL lines (without newlines) for `seed`.
    public static func generate(rows: Int, seed: UInt64) -> [String] {
        (0..<max(0, rows)).map { row in
            let articleIndex = row / summariesPerArticle
            var articleGenerator = SeededGenerator(seed: SplitMix64.derive(seed, UInt64(2 * articleIndex)))
            let article = SyntheticArticle(generator: &articleGenerator)
            var g = SeededGenerator(seed: SplitMix64.derive(seed, UInt64(2 * row + 1)))
            let summary = SyntheticSummary(article: article, generator: &g)
            var fields: [(key: String, value: JSONValue)] = [
                ("doc_id", .string("synth-\(seed)-\(articleIndex)")),
                ("system_id", .string("S\(row % summariesPerArticle)")),
                ("source", .string(article.sentences.joined(separator: " "))),
                ("summary", .string(summary.text)),
            ]
            fields += zip(criteria, summary.ratings).map { ($0, .int($1)) }
            return JSONLine.render(fields)
        }
    }
}
