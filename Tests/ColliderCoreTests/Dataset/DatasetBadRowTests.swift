import Foundation
import Testing

@testable import ColliderCore

/// Bad rows: exact messages with file:line, skip mode, many at once, missing files.
struct DatasetBadRowTests {
    static let cases: [(line: String, kind: DatasetProblem.Kind, detail: String)] = [
        (#"{"summary": "x", "#, .invalidJSON, "the line is not valid JSON"),
        ("[1, 2]", .notAnObject, "the line is an array, not a JSON object"),
        (#"{"source": "s", "fluency": 4, "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .missingInput, #"input "summary" (Summary) is missing"#),
        (DatasetFixtures.row(summary: "  "), .emptyInput, #"input "summary" is empty"#),
        (#"{"summary": 3, "source": "s", "fluency": 4, "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .inputNotText, #"input "summary" is 3, not a string"#),
        (#"{"summary": "x", "source": "s", "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .missingCriterion, #"criterion "fluency" is missing"#),
        (#"{"summary": "x", "source": "s", "fluency": "good", "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .notANumber, #"criterion "fluency" is "good", not a number"#),
        (#"{"summary": "x", "source": "s", "fluency": null, "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .notANumber, #"criterion "fluency" is null, not a number"#),
        (#"{"summary": "x", "source": "s", "fluency": 7, "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .outsideScale, #"criterion "fluency" is 7, outside the scale 1…5"#),
        (#"{"summary": "x", "source": "s", "fluency": 0.4, "relevance": 4, "coherence": 4, "consistency": 4}"#,
         .outsideScale, #"criterion "fluency" is 0.4, outside the scale 1…5"#),
    ]

    @Test(arguments: cases)
    func badRowIsAnErrorNamingFileAndLine(line: String, kind: DatasetProblem.Kind, detail: String) throws {
        // Line 2 is blank, so the bad row is on line 3.
        let path = try DatasetFixtures.temporaryFile(DatasetFixtures.row() + "\n\n" + line + "\n")
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: path))
        }
        #expect(error.code == .badRows)
        #expect(error.problems.map(\.kind) == [kind])
        #expect(
            error.description == """
                data file \(path) has 1 bad row:
                \(path):3: \(detail); fix the row or set dataset.on_bad_row: skip
                """)
    }

    @Test func skipModeLeavesBadRowsOutAndCountsThem() throws {
        let lines = [
            DatasetFixtures.row(summary: "one"), "not json", DatasetFixtures.row(summary: "two"),
            DatasetFixtures.row(rating: 9), DatasetFixtures.row(summary: "three"),
        ]
        let path = try DatasetFixtures.temporaryFile(lines.joined(separator: "\n"))
        let dataset = try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: path, onBadRow: .skip))
        #expect(dataset.rows.map(\.inputs[0]) == ["one", "two", "three"])
        #expect(dataset.rows.map(\.index) == [0, 1, 2])
        #expect(dataset.rows.map(\.line) == [1, 3, 5])
        #expect(dataset.skipped.map(\.line) == [2, 4])
        #expect(dataset.skipped.map(\.kind) == [.invalidJSON, .outsideScale])
    }

    @Test func everyBadRowIsReportedAndTheListingIsCapped() throws {
        let lines = [DatasetFixtures.row()] + (1...25).map { _ in DatasetFixtures.row(rating: 6) }
        let path = try DatasetFixtures.temporaryFile(lines.joined(separator: "\n"))
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: path))
        }
        #expect(error.problems.map(\.line) == Array(2...26))
        let listing = error.description.split(separator: "\n")
        #expect(listing.count == 1 + 20 + 1)
        #expect(listing.first == "data file \(path) has 25 bad rows:")
        #expect(listing.last == "and 5 more")
    }

    @Test func allRowsBadInSkipModeIsAnError() throws {
        let path = try DatasetFixtures.temporaryFile("[]\n[]\n")
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: path, onBadRow: .skip))
        }
        #expect(error.description == "data file \(path) has no usable rows (all 2 rows are bad)")
    }

    @Test func missingFileNamesThePathAndForSummEvalTheMakeTarget() throws {
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: "/nowhere/data/summeval.jsonl"))
        }
        #expect(error.code == .fileMissing)
        #expect(
            error.description == "data file /nowhere/data/summeval.jsonl does not exist; run `make data`, "
                + "which links data/summeval.jsonl to ../shared/data/summeval/summeval.jsonl")
        let other = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: "/nowhere/x.jsonl"))
        }
        #expect(other.description.hasPrefix("data file /nowhere/x.jsonl does not exist; check dataset.path"))
    }

    @Test func numericStringsAndHalfUpRounding() throws {
        let lines = [
            #"{"summary": "a", "source": "s", "fluency": "4.5", "relevance": 2.5, "coherence": 3.49, "consistency": 4.666666666666667}"#,
            #"{"summary": "b", "source": "s", "fluency": 1, "relevance": " 5 ", "coherence": 1.5, "consistency": 1.3333333333333333}"#,
        ]
        let path = try DatasetFixtures.temporaryFile(lines.joined(separator: "\r\n") + "\r\n\r\n")
        let rows = try DatasetLoader.load(DatasetFixtures.summEvalConfig(path: path)).rows
        #expect(rows.map(\.groundTruth) == [
            ["fluency": 5, "relevance": 3, "coherence": 3, "consistency": 5],
            ["fluency": 1, "relevance": 5, "coherence": 2, "consistency": 1],
        ])
    }
}
