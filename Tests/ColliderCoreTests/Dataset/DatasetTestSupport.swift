import Foundation

@testable import ColliderCore

/// Paths and fixtures shared by the dataset tests.
enum DatasetFixtures {
    /// The repository root, found from this file's path.
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/data/summeval`, beside the repository in development and in CI.
    static let summEvalFolder = repoRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/summeval")

    static let summEvalPath = summEvalFolder.appendingPathComponent("summeval.jsonl").path

    static let summEvalCriteria = ["fluency", "relevance", "coherence", "consistency"]

    /// SummEval as the paper configs read it.
    static func summEvalConfig(path: String = summEvalPath, onBadRow: BadRowPolicy = .error)
        -> DatasetConfig
    {
        DatasetConfig(
            path: path,
            inputs: [
                InputField(label: "Summary", field: "summary"),
                InputField(label: "Source Text", field: "source"),
            ],
            criteria: summEvalCriteria, scale: Scale(min: 1, max: 5), initialInstructions: [:],
            directive: "Evaluate the summary.", split: SplitConfig(seed: 42, train: 160, test: 480),
            onBadRow: onBadRow)
    }

    /// Writes `text` to a fresh temporary file named `name` and returns its path.
    static func temporaryFile(_ text: String, name: String = "rows.jsonl") throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("collider-dataset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A valid row with every SummEval criterion at `rating`.
    static func row(summary: String = "a summary", source: String = "an article", rating: Double = 4)
        -> String
    {
        let ratings = summEvalCriteria.map { "\"\($0)\": \(rating)" }.joined(separator: ", ")
        return #"{"summary": "\#(summary)", "source": "\#(source)", \#(ratings)}"#
    }
}
