import Foundation
import Testing

@testable import ColliderCore

/// The canonical JSONL a coordinator ships to workers loads back as the same data set.
struct DatasetJSONLExportTests {
    /// Loads `text` as SummEval-shaped rows, exports them and loads the export.
    static func roundTrip(_ text: String, onBadRow: BadRowPolicy = .error) throws -> (Dataset, Dataset) {
        let path = try DatasetFixtures.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let config = DatasetFixtures.summEvalConfig(path: path, onBadRow: onBadRow)
        let original = try DatasetLoader.load(config)
        let exported = try original.canonicalJSONL(config: config)
        let copy = path + ".export"
        try exported.write(to: URL(fileURLWithPath: copy))
        var copyConfig = config
        copyConfig.path = copy
        return (original, try DatasetLoader.load(copyConfig))
    }

    @Test func theExportHasTheSameRowsAndFingerprint() throws {
        let rows = [
            DatasetFixtures.row(summary: "naïve café — “quoted” \\n line", source: "src/1 \\u0000 nul", rating: 3.5),
            #"{"summary": "extra fields", "source": "s", "fluency": "2.49", "relevance": 1, "coherence": 5, "consistency": 4.5, "id": 7}"#,
            #"{"summary": "", "source": "bad: empty summary", "fluency": 1, "relevance": 1, "coherence": 1, "consistency": 1}"#,
            DatasetFixtures.row(rating: 1),
        ]
        let (original, copy) = try Self.roundTrip(rows.joined(separator: "\r\n"), onBadRow: .skip)
        #expect(original.skipped.count == 1)
        #expect(copy.skipped.isEmpty)
        #expect(copy.fingerprint == original.fingerprint)
        #expect(copy.rows.map(\.inputs) == original.rows.map(\.inputs))
        #expect(copy.rows.map(\.groundTruth) == original.rows.map(\.groundTruth))
        #expect(copy.rows.map(\.index) == [0, 1, 2])
    }

    @Test func summEvalSurvivesTheRoundTrip() throws {
        guard FileManager.default.fileExists(atPath: DatasetFixtures.summEvalPath) else { return }
        let config = DatasetFixtures.summEvalConfig()
        let original = try DatasetLoader.load(config)
        let exported = try original.canonicalJSONL(config: config)
        let path = try DatasetFixtures.temporaryFile("", name: "summeval-export.jsonl")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try exported.write(to: URL(fileURLWithPath: path))
        var copyConfig = config
        copyConfig.path = path
        let copy = try DatasetLoader.load(copyConfig)
        #expect(copy.fingerprint == original.fingerprint)
        #expect(copy.rows.count == original.rows.count)
        print("summeval export: \(original.rows.count) rows, \(exported.count) bytes")
    }
}
