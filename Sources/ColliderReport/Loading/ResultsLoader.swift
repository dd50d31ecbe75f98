import ColliderCore
import ColliderPipeline
import Foundation
import Synchronization

/// Reads a results folder `results/<sweep>/`: its `sweep.json` (or `sweep.yaml`) and `runs/<task-id>/…`.
///
/// Task ids are re-derived by expanding the grid with the data set's fingerprint. When the data
/// set cannot be loaded, a run folder is matched to its task by the identity in its
/// `summary.json` (backbone by roles, mode, gate, seed, criterion) instead. Analyses store their
/// Codable result as `runs/<task-id>/result.json`: `[CherryPickExperiment.Result]` for cherry-pick,
/// `Diagnostic.Result` for a diagnostic.
public enum ResultsLoader {
    /// Loads `directory`, taking the config from its `sweep.json` or `sweep.yaml`, else from
    /// `configPath`, else `fallback` (a coordinator's own config when the folder has none).
    public static func load(
        directory: URL, configPath: String?, environment: [String: String], fallback: SweepConfig? = nil
    ) throws(ReportError) -> ResultsInput {
        let config = try loadConfig(
            directory: directory, configPath: configPath, environment: environment, fallback: fallback)
        let fingerprint = try? DatasetLoader.load(config.dataset).fingerprint
        var tasks = expandedPlan(config, fingerprint: fingerprint ?? "")
        let runsFolder = directory.appending(path: "runs")
        if fingerprint == nil { tasks = rekey(tasks, config: config, runsFolder: runsFolder) }

        var runs: [RunSeries] = []
        var problems: [RunProblem] = []
        var costs: [CellKey: CellCost] = [:]
        var cherryPicks: [ResultsInput.CherryPick] = []
        var diagnostics: [ResultsInput.DiagnosticRun] = []
        for task in tasks {
            let folder = runsFolder.appending(path: task.id)
            switch task.kind {
            case .run:
                let read = RunFolder.read(folder, task: task)
                if let series = read.series { runs.append(series) }
                if let problem = read.problem { problems.append(problem) }
                if let summary = read.summary, let mode = task.mode {
                    let resamples = summary.resamples.map { $0.task + $0.loss + $0.gradient + $0.optimizer + $0.judge }
                    costs[CellKey(backbone: task.backbone, mode: mode, gate: task.gate), default: CellCost()].add(
                        dollars: summary.dollars ?? 0, failures: summary.failures?.values.reduce(0, +) ?? 0,
                        parseFailures: summary.parseFailures ?? 0, resamples: resamples ?? 0)
                }
            case .cherryPick:
                switch decode([CherryPickExperiment.Result].self, folder.appending(path: "result.json"), task) {
                case .value(let results): cherryPicks.append(.init(task: task, results: results))
                case .problem(let problem): problems.append(problem)
                }
            case .gradientSpecificity, .feedbackAdherence:
                switch decode(Diagnostic.Result.self, folder.appending(path: "result.json"), task) {
                case .value(let result): diagnostics.append(.init(task: task, result: result))
                case .problem(let problem): problems.append(problem)
                }
            }
        }
        return ResultsInput(
            config: config, tasks: tasks, runs: runs, costs: costs, problems: problems,
            cherryPicks: cherryPicks, diagnostics: diagnostics)
    }

    /// The last plan expanded here, with what it was expanded from.
    private static let lastPlan = Mutex<(config: SweepConfig, fingerprint: String, tasks: [SweepTask])?>(nil)

    /// Tells the loader that `config` with the data set `fingerprint` expands to `tasks`, so that
    /// a report of the same sweep does not expand it again (a coordinator has it already).
    public static func remember(_ tasks: [SweepTask], config: SweepConfig, fingerprint: String) {
        lastPlan.withLock { $0 = (config, fingerprint, tasks) }
    }

    /// The grid of `config`, expanded again only when the config or the data set changed: a
    /// coordinator rebuilds its report every few seconds from the same config, and expanding a
    /// plan of ten thousand tasks (hashing each identity) costs about a CPU second.
    private static func expandedPlan(_ config: SweepConfig, fingerprint: String) -> [SweepTask] {
        if let last = lastPlan.withLock({ $0 }), last.fingerprint == fingerprint, last.config == config {
            return last.tasks
        }
        let tasks = GridExpander.tasks(for: config, datasetFingerprint: fingerprint)
        lastPlan.withLock { $0 = (config, fingerprint, tasks) }
        return tasks
    }

    private static func loadConfig(
        directory: URL, configPath: String?, environment: [String: String], fallback: SweepConfig?
    ) throws(ReportError) -> SweepConfig {
        // A sweep writes the config it ran with as sweep.json; a hand-made folder may hold sweep.yaml.
        if FileManager.default.fileExists(atPath: directory.appending(path: EffectiveConfig.fileName).path) {
            do {
                return try EffectiveConfig.read(results: directory)
            } catch {
                throw ReportError(.badConfig, path: directory.appending(path: EffectiveConfig.fileName).path,
                                  underlying: "\(error)")
            }
        }
        let inFolder = directory.appending(path: "sweep.yaml").path
        let path = FileManager.default.fileExists(atPath: inFolder) ? inFolder : configPath
        guard let path else {
            if let fallback { return fallback }
            throw ReportError(.noConfig, path: directory.path)
        }
        do {
            return try ConfigLoader.load(path: path, environment: environment, purpose: .dryRun).config
        } catch {
            throw ReportError(.badConfig, path: path, underlying: error.description)
        }
    }

    /// Gives each run task the id of the run folder whose summary names the same identity.
    private static func rekey(_ tasks: [SweepTask], config: SweepConfig, runsFolder: URL) -> [SweepTask] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path)) ?? []
        var byIdentity: [String: String] = [:]
        for id in folders.sorted() {
            let url = runsFolder.appending(path: id).appending(path: "summary.json")
            guard let data = try? Data(contentsOf: url),
                let summary = try? JSONDecoder().decode(RunFolder.Summary.self, from: data),
                let spec = summary.config,
                let backbone = config.backbones.keys.sorted().first(where: { config.backbones[$0] == spec.roles })
            else { continue }
            let criterion = spec.mode == .single ? spec.criteria.first : nil
            byIdentity[identity(backbone, spec.mode, spec.gate, spec.seed, criterion)] = id
        }
        return tasks.map { task in
            guard task.kind == .run, let mode = task.mode, let seed = task.seed,
                let id = byIdentity[identity(task.backbone, mode, task.gate, seed, task.criterion)]
            else { return task }
            var rekeyed = task
            rekeyed.id = id
            return rekeyed
        }
    }

    private static func identity(_ backbone: String, _ mode: Mode, _ gate: Gate, _ seed: Int, _ criterion: String?)
        -> String
    {
        "\(backbone)|\(mode.rawValue)|\(gate.rawValue)|\(seed)|\(criterion ?? "")"
    }

    /// An analysis result file's value, or why there is none.
    private enum Read<T> {
        case value(T)
        case problem(RunProblem)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ url: URL, _ task: SweepTask) -> Read<T> {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return .problem(RunProblem(taskID: task.id, label: task.label, kind: .missing))
        }
        do {
            // The runner writes non-finite numbers as "inf", "-inf" and "nan" (TaskRecords.writeAnalysis).
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return .value(try decoder.decode(T.self, from: Data(contentsOf: url)))
        } catch {
            return .problem(
                RunProblem(taskID: task.id, label: task.label, kind: .unreadable, detail: "\(url.lastPathComponent): \(error)"))
        }
    }
}
