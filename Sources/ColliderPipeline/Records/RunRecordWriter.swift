import ColliderCore
import Foundation

/// Writes a run's records under `RESULTS/runs/<task-id>/`: `summary.json`, `steps.jsonl` (one line
/// per step, step 0 included), `eval_step_<k>.jsonl` (one line per test item) and
/// `checkpoint.json` (the latest checkpoint, for `collider run` to resume from).
public actor RunRecordWriter: RunRecordSink {
    /// The run's folder.
    public nonisolated let directory: URL
    private let encoder: JSONEncoder

    /// A writer for task `taskID` under the results folder `results`; creates the run's folder.
    public init(results: URL, taskID: String) throws {
        directory = results.appending(path: "runs").appending(path: taskID)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    /// The latest checkpoint in the run's folder, or nil when there is none.
    public nonisolated func latestCheckpoint() throws -> RunCheckpoint? {
        let url = directory.appending(path: "checkpoint.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(RunCheckpoint.self, from: Data(contentsOf: url))
    }

    /// Prepares `steps.jsonl` for a run that starts fresh (`checkpoint` nil: emptied) or resumes
    /// from `checkpoint` (lines after its step dropped, since those steps run again).
    public func prepare(resumingFrom checkpoint: RunCheckpoint?) throws {
        let url = directory.appending(path: "steps.jsonl")
        var kept: [Substring] = []
        if let checkpoint, let text = try? String(contentsOf: url, encoding: .utf8) {
            kept = text.split(separator: "\n").filter { line in
                let step = try? JSONDecoder().decode(StepNumber.self, from: Data(line.utf8)).step
                return (step ?? Int.max) <= checkpoint.step
            }
        }
        try Data(kept.map { $0 + "\n" }.joined().utf8).write(to: url, options: .atomic)
    }

    public func emit(_ event: RunEvent) async throws {
        switch event {
        case .evaluation(let step, let items):
            let lines = try items.map { try line($0) }.joined()
            try Data(lines.utf8).write(to: directory.appending(path: "eval_step_\(step).jsonl"), options: .atomic)
        case .step(let record):
            try append(line(record), to: directory.appending(path: "steps.jsonl"))
        case .checkpoint(let checkpoint):
            try encoder.encode(checkpoint).write(to: directory.appending(path: "checkpoint.json"), options: .atomic)
        case .summary(let summary):
            let pretty = JSONEncoder()
            pretty.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            try pretty.encode(summary).write(to: directory.appending(path: "summary.json"), options: .atomic)
        }
    }

    private func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    private func append(_ text: String, to url: URL) throws {
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// The `step` field of a `steps.jsonl` line.
    private struct StepNumber: Decodable {
        var step: Int
    }
}
