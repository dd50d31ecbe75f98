import ColliderCore
import ColliderPipeline
import Foundation

/// One run's folder: the test metrics of `steps.jsonl` and the status of `summary.json`.
enum RunFolder {
    /// The fields of `summary.json` the report uses.
    struct Summary: Decodable {
        var status: RunStatus
        var error: String?
        var dollars: Double?
        var failures: [String: Int]?
        var parseFailures: Int?
        var resamples: CallCounts?
        var config: RunSpec?

        enum CodingKeys: String, CodingKey {
            case status, error, dollars, failures, resamples, config
            case parseFailures = "parse_failures"
        }
    }

    /// The fields of a `steps.jsonl` line the report uses.
    private struct StepLine: Decodable {
        var step: Int
        var test: [String: TestMetrics]?
    }

    /// What the folder holds: the series (nil without an evaluated step), a problem, and the
    /// summary (nil when there is none).
    struct Read {
        var series: RunSeries?
        var problem: RunProblem?
        var summary: Summary?
    }

    static func read(_ folder: URL, task: SweepTask) -> Read {
        func problem(_ kind: RunProblem.Kind, _ lastStep: Int? = nil, _ detail: String? = nil) -> RunProblem {
            RunProblem(taskID: task.id, label: task.label, kind: kind, lastStep: lastStep, detail: detail)
        }
        guard let mode = task.mode, let seed = task.seed,
            FileManager.default.fileExists(atPath: folder.appending(path: "steps.jsonl").path)
        else { return Read(series: nil, problem: problem(.missing), summary: nil) }
        var steps: [Int: [String: TestMetrics]] = [:]
        do {
            let text = try String(contentsOf: folder.appending(path: "steps.jsonl"), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
                let record = try JSONDecoder().decode(StepLine.self, from: Data(line.utf8))
                if let test = record.test { steps[record.step] = test }
            }
        } catch {
            return Read(series: nil, problem: problem(.unreadable, nil, "steps.jsonl: \(error)"), summary: nil)
        }
        let lastStep = steps.keys.max()
        let series =
            steps.isEmpty
            ? nil
            : RunSeries(
                cell: CellKey(backbone: task.backbone, mode: mode, gate: task.gate), seed: seed,
                criterion: task.criterion, steps: steps)
        let summaryURL = folder.appending(path: "summary.json")
        guard let data = try? Data(contentsOf: summaryURL) else {
            return Read(series: series, problem: problem(.unfinished, lastStep), summary: nil)
        }
        guard let summary = try? JSONDecoder().decode(Summary.self, from: data) else {
            return Read(series: series, problem: problem(.unreadable, lastStep, "summary.json"), summary: nil)
        }
        let failed = summary.status == .failed ? problem(.failed, lastStep, summary.error) : nil
        return Read(series: series, problem: failed, summary: summary)
    }
}
