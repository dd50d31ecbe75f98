import ArgumentParser
import ColliderCore
import Foundation

/// `collider data`: makes the JSONL data files the sweep configs read.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Make data files: import SummEval or generate synthetic rows.",
        subcommands: [ImportCommand.self, SynthCommand.self])

    /// `collider data import`: converts other formats into collider's canonical JSONL.
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Convert a data set into canonical JSONL.",
            subcommands: [SummEvalCommand.self])
    }

    /// `collider data import summeval FILE... --out PATH`.
    struct SummEvalCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summeval",
            abstract: "Convert SummEval model_annotations records (one JSON object per line) into "
                + "canonical rows with expert-mean ratings.")

        @Argument(help: "SummEval record files, e.g. the per-system M8_outputs_annotations.jsonl files.")
        var files: [String]

        @Option(help: "The JSONL file to write.")
        var out: String

        func run() throws {
            try writeRows(try SummEvalImporter.importFiles(files), to: out)
        }
    }

    /// `collider data synth --out PATH --rows N --seed S`.
    struct SynthCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "synth",
            abstract: "Generate synthetic source/summary rows with controlled defects per criterion.")

        @Option(help: "The JSONL file to write.")
        var out: String

        @Option(help: "How many rows to generate (four summaries per article).")
        var rows: Int = 240

        @Option(help: "The generator seed; the same rows and seed always give the same file.")
        var seed: UInt64 = 7

        func validate() throws {
            guard rows > 0 else { throw ValidationError("--rows must be positive, not \(rows).") }
        }

        func run() throws {
            try writeRows(SyntheticDataset.generate(rows: rows, seed: seed), to: out)
        }
    }
}

/// Writes `lines` as a JSONL file and prints one line: rows written, path, SHA-256.
private func writeRows(_ lines: [String], to path: String) throws {
    let text = lines.map { $0 + "\n" }.joined()
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
    print("wrote \(lines.count) rows to \(path) (sha256 \(SHA256Hex.of(text)))")
}
