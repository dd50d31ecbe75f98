import Foundation
import Testing

@testable import ColliderCore

/// The synthetic data generator and the committed `data/synthetic.jsonl`.
struct DatasetSyntheticTests {
    static let committed = DatasetFixtures.repoRoot.appendingPathComponent("data/synthetic.jsonl")

    @Test func reproducesTheCommittedFileByteForByte() throws {
        let file = try Data(contentsOf: Self.committed)
        let generated = SyntheticDataset.generate(rows: 240, seed: 7).map { $0 + "\n" }.joined()
        #expect(file == Data(generated.utf8), "regenerate with `collider data synth --out data/synthetic.jsonl --rows 240 --seed 7`")
    }

    @Test func isDeterministicAndSeedSensitive() {
        let rows = SyntheticDataset.generate(rows: 40, seed: 7)
        #expect(SyntheticDataset.generate(rows: 40, seed: 7) == rows)
        #expect(SyntheticDataset.generate(rows: 12, seed: 7) == Array(rows.prefix(12)))
        #expect(SyntheticDataset.generate(rows: 40, seed: 8) != rows)
    }

    @Test func rowsLoadAreSmallAndSpreadOverTheScale() throws {
        let lines = SyntheticDataset.generate(rows: 240, seed: 7)
        #expect(lines.allSatisfy { $0.utf8.count < 2048 })
        let path = try DatasetFixtures.temporaryFile(lines.joined(separator: "\n"))
        let dataset = try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: path))
        #expect(dataset.rows.count == 240)
        for criterion in SyntheticDataset.criteria {
            let ratings = Set(dataset.rows.compactMap { $0.groundTruth[criterion] })
            #expect(ratings == Set(1...5), "\(criterion) uses the whole scale")
        }
    }

    @Test func defectsShowInTheText() throws {
        let rows = try SyntheticDataset.generate(rows: 240, seed: 7).map(Self.decode)
        for row in rows {
            let summary = try #require(row["summary"] as? String)
            let source = try #require(row["source"] as? String)
            let fluency = try #require(row["fluency"] as? Int)
            let relevance = try #require(row["relevance"] as? Int)
            let coherence = try #require(row["coherence"] as? Int)
            let consistency = try #require(row["consistency"] as? Int)
            // Fluency defects 1 and 4 (a repeated word, two swapped words) can break the phrases
            // looked for below, so the other criteria are checked on fluent rows only.
            if fluency == 5 || fluency == 3 {
                #expect(summary.contains("will to ") == (fluency == 3))
            }
            guard fluency == 5 else { continue }
            #expect(summary.contains("However, ") == (coherence <= 2))
            #expect(summary.lowercased().contains("the announcement was made at") == (relevance <= 4))
            if consistency == 5 {
                let person = source.split(separator: ".")[1].split(separator: ",")[0]
                    .trimmingCharacters(in: .whitespaces)
                #expect(summary.contains(person))
            }
        }
    }

    static func decode(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
