import ColliderCore
import ColliderPipeline
import Foundation

/// Reading and writing the files of `RESULTS/runs/<task-id>/` that are not a run's own records.
public enum TaskRecords {
    /// The folder of task `taskID` under `results`.
    public static func directory(results: URL, taskID: String) -> URL {
        results.appending(path: "runs").appending(path: taskID)
    }

    /// The record files of a finished task, by name, to ship with its result: everything in its
    /// folder but `checkpoint.json` (the coordinator keeps checkpoints in its store).
    public static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for url in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        where isRecordFile(url.lastPathComponent) {
            files[url.lastPathComponent] = try Data(contentsOf: url)
        }
        return files
    }

    /// Writes record files received with a result into the task's folder under `results`, each
    /// atomically. A name that is not a record file's (a path, `..`, a checkpoint) is refused.
    public static func store(_ files: [String: Data], results: URL, taskID: String) throws {
        let folder = directory(results: results, taskID: taskID)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            guard isRecordFile(name) else {
                throw TaskExecutionError(taskID: taskID, message: "refused a result file named \"\(name)\"")
            }
            try data.write(to: folder.appending(path: name), options: .atomic)
        }
    }

    /// Whether `name` is one of the files a task folder holds: a plain `.json` / `.jsonl` name.
    static func isRecordFile(_ name: String) -> Bool {
        name != "checkpoint.json" && !name.hasPrefix(".") && !name.contains("/")
            && (name.hasSuffix(".json") || name.hasSuffix(".jsonl"))
    }

    /// Whether the task's `summary.json` says it completed.
    public static func isDone(results: URL, taskID: String) -> Bool {
        let url = directory(results: results, taskID: taskID).appending(path: "summary.json")
        guard let data = try? Data(contentsOf: url),
            let status = try? JSONDecoder().decode(Status.self, from: data)
        else { return false }
        return status.status == RunStatus.completed.rawValue
    }

    /// The step records of a run from its `steps.jsonl`, in step order.
    /// - Throws: `TaskExecutionError` naming the run when it has no records yet.
    public static func steps(results: URL, taskID: String) throws -> [StepRecord] {
        let url = directory(results: results, taskID: taskID).appending(path: "steps.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TaskExecutionError(
                taskID: taskID,
                message: "no step records at \(url.path); this run must complete first "
                    + "(`collider run CONFIG --task \(taskID.prefix(12))`, or `collider run CONFIG --task` on the "
                    + "analysis, which runs its missing runs first)")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(StepRecord.self, from: Data($0.utf8)) }
            .sorted { $0.step < $1.step }
    }

    /// Writes an analysis's result as `result.json` (the layout `collider report` reads) and its
    /// `summary.json` (status `completed`).
    static func writeAnalysis(
        _ result: some Encodable, task: SweepTask, stats: RunStats, results: URL
    ) throws {
        let folder = directory(results: results, taskID: task.id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(result).write(to: folder.appending(path: "result.json"), options: .atomic)
        let summary = AnalysisSummary(
            task: task, status: RunStatus.completed.rawValue, calls: stats.calls, dollars: stats.dollars,
            wallSeconds: stats.wallSeconds)
        try encoder.encode(summary).write(to: folder.appending(path: "summary.json"), options: .atomic)
    }

    /// The `status` field of a `summary.json`.
    private struct Status: Decodable {
        var status: String
    }

    /// `summary.json` of an analysis task.
    private struct AnalysisSummary: Encodable {
        var task: SweepTask
        var status: String
        var calls: CallCounts
        var dollars: Double
        var wallSeconds: Double

        enum CodingKeys: String, CodingKey {
            case task, status, calls, dollars
            case wallSeconds = "wall_seconds"
        }
    }
}
