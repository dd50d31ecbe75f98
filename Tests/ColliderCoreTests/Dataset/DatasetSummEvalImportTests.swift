import Foundation
import Testing

@testable import ColliderCore

/// Importing SummEval's original records, checked against the independently built summeval.jsonl.
struct DatasetSummEvalImportTests {
    static let rawFolder = DatasetFixtures.summEvalFolder
        .appendingPathComponent("raw/DAMO-NLP-SG_LLM_summeval/model_output_annotations")

    static func rawPath(_ system: String) -> String {
        rawFolder.appendingPathComponent("\(system)_outputs_annotations.jsonl").path
    }

    @Test func importedM8RowsEqualTheIndependentBuild() throws {
        let imported = try SummEvalImporter.importFiles([Self.rawPath("M8")])
        #expect(imported.count == 100)
        let reference = try String(contentsOfFile: DatasetFixtures.summEvalPath, encoding: .utf8)
            .split(separator: "\n").filter { $0.contains(#""system_id": "M8""#) }.map(String.init)
        #expect(reference.count == 100)
        for (mine, theirs) in zip(imported, reference) {
            let a = try Self.decode(mine)
            let b = try Self.decode(theirs)
            #expect(a["doc_id"] as? String == b["doc_id"] as? String)
            for criterion in SummEvalImporter.criteria {
                #expect(a[criterion] as? Double == b[criterion] as? Double, "\(criterion)")
            }
        }
        #expect(imported == reference, "byte for byte, Python json.dumps layout included")
    }

    @Test func rowsAreOrderedByDocumentThenSystemNumber() throws {
        let imported = try SummEvalImporter.importFiles([Self.rawPath("M10"), Self.rawPath("M9")])
        let first = try imported.prefix(2).map(Self.decode).map { $0["system_id"] as? String }
        #expect(first == ["M9", "M10"])
        let documents = try imported.map(Self.decode).compactMap { $0["doc_id"] as? String }
        #expect(documents[0] == documents[1] && documents[1] != documents[2])
    }

    @Test func badRecordsNameFileAndLine() throws {
        let good = try #require(
            try String(contentsOfFile: Self.rawPath("M8"), encoding: .utf8).split(separator: "\n").first)
        let noText = good.replacingOccurrences(of: #""text":"#, with: #""article":"#)
        let badRating = good.replacingOccurrences(of: #"{"coherence": 3, "#, with: #"{"coherence": 9, "#)
        let path = try DatasetFixtures.temporaryFile([String(good), noText, "{", badRating].joined(separator: "\n"))
        let error = try #require(throws: SummEvalImportError.self) {
            try SummEvalImporter.importFiles([path])
        }
        #expect(error.problems == [
            "\(path):2: the record has no \"text\" (the article); SummEval's original file needs its "
                + "data_processing/pair_data.py to add it from the CNN/DM stories",
            "\(path):3: the line is not valid JSON or not a JSON object",
            "\(path):4: expert 1 has no \"coherence\" rating in 1…5",
        ])
        #expect(error.description.hasPrefix("3 bad SummEval records:\n\(path):2: "))
    }

    @Test func duplicatePairsAreRefused() throws {
        let error = try #require(throws: SummEvalImportError.self) {
            try SummEvalImporter.importFiles([Self.rawPath("M8"), Self.rawPath("M8")])
        }
        #expect(error.problems.count == 100)
        #expect(error.problems[0].hasPrefix("document dm-test-8764fb95bfad8ee849274873a92fb8d6b400eee2 has two records"))
    }

    static func decode(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
