import ColliderCore
import ColliderPipeline
import ColliderTesting
import Foundation

/// A results folder made by running tiny real `Run`s with `ScriptedLLM` and `RunRecordWriter`:
/// `sweep.yaml`, its data file, every run of a modes × 1-gate × 2-seed grid (by default Single-Task
/// and SSS), the cherry-pick result and, when asked, both LLM-judged diagnostics of every run.
struct ResultsFolderFixture {
    /// The config with `MODES` and `ANALYSES` still to fill in.
    static let template = """
        name: fixture
        dataset:
          path: data.jsonl
          format: jsonl
          inputs:
            - {label: Summary, field: summary}
            - {label: Source Text, field: source}
          criteria: [fluency, relevance, coherence, consistency]
          scale: {min: 1, max: 5}
          initial_instruction: "Rate from {min} to {max}."
          directive: |
            You are a careful evaluator.
            ## Task
            Evaluate the Summary given the Source Text.
          split: {seed: 42, train: 12, test: 7}
        pipeline:
          steps: 2
          batch_size: 3
          validation_size: 5
          eval_every: 1
        grid:
          backbones: [sim]
          modes: [MODES]
          gates: [none]
          seeds: [1, 2]
        analyses:
          cherry_pick: true
        ANALYSES
        backbones:
          sim:
            task: {endpoint: sim, model: scripted}
            loss: {endpoint: sim, model: scripted}
            gradient: {endpoint: sim, model: scripted}
            optimizer: {endpoint: sim, model: scripted}
        endpoints:
          sim: {kind: sim}

        """

    /// The config of a grid over `modes`, with the two diagnostics and a judge when `diagnostics`.
    static func yaml(modes: [Mode], diagnostics: Bool) -> String {
        let analyses = diagnostics ? "  gradient_specificity: true\n  feedback_adherence: true\njudge: {endpoint: sim, model: scripted}" : ""
        return template.replacing("MODES", with: modes.map(\.rawValue).joined(separator: ", "))
            .replacing("ANALYSES\n", with: analyses.isEmpty ? "" : analyses + "\n")
    }

    /// The judge's score of a diagnostic prompt: 2…10 from a hash of the prompt, so cells, seeds
    /// and criteria differ.
    static let judge: ScriptedLLM.Responder = { request in
        guard request.role == .judge else { return nil }
        return "\(2 + (Int(SHA256Hex.of(request.prompt).prefix(6), radix: 16) ?? 0) % 9)"
    }

    let directory: URL
    let config: SweepConfig
    let tasks: [SweepTask]

    /// Writes the folder under a fresh temporary directory and runs every run task, then the
    /// cherry-pick and, with `diagnostics`, both diagnostics of every run.
    static func make(modes: [Mode] = [.single, .SSS], diagnostics: Bool = false) async throws -> ResultsFolderFixture {
        let directory = FileManager.default.temporaryDirectory.appending(path: "collider-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rows = (0..<19).map { index in
            let values = RunFixtures.criteria.enumerated().map { "\"\($1)\": \(1 + (index * 3 + $0) % 5)" }
            return "{\"summary\": \"Summary \(index).\", \"source\": \"Article \(index).\", \(values.joined(separator: ", "))}"
        }
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: directory.appending(path: "data.jsonl"))
        try Data(yaml(modes: modes, diagnostics: diagnostics).utf8).write(to: directory.appending(path: "sweep.yaml"))

        let config = try ConfigLoader.load(
            path: directory.appending(path: "sweep.yaml").path, environment: [:], purpose: .dryRun
        ).config
        let dataset = try DatasetLoader.load(config.dataset)
        let splits = try Splits.make(
            rowCount: dataset.rows.count, split: config.dataset.split, validationSize: config.pipeline.validationSize)
        let data = RunData(dataset: dataset, splits: splits)
        let tasks = GridExpander.tasks(for: config, datasetFingerprint: dataset.fingerprint)
        let llm = ScriptedLLM(criteria: RunFixtures.criteria, responder: judge)
        for task in tasks where task.kind == .run {
            let writer = try RunRecordWriter(results: directory, taskID: task.id)
            try await writer.prepare(resumingFrom: nil)
            _ = try await Run(spec: RunSpec(task: task, config: config), data: data, llm: llm, sink: writer).start()
        }
        let fixture = ResultsFolderFixture(directory: directory, config: config, tasks: tasks)
        try await fixture.writeCherryPick(data: data, llm: llm)
        try await fixture.writeDiagnostics(llm: llm)
        return fixture
    }

    /// Runs every diagnostic task of the grid over its run's records and stores its result.
    private func writeDiagnostics(llm: ScriptedLLM) async throws {
        for task in tasks {
            guard let kind = Diagnostic.Kind(rawValue: task.kind.rawValue), let judge = config.judge,
                let run = tasks.first(where: { $0.id == task.dependsOn.first })
            else { continue }
            let text = try String(contentsOf: folder(run).appending(path: "steps.jsonl"), encoding: .utf8)
            let steps = try text.split(separator: "\n").map { try JSONDecoder().decode(StepRecord.self, from: Data($0.utf8)) }
            let result = try await Diagnostic(
                kind: kind, taskID: task.id, run: try RunSpec(task: run, config: config), steps: steps,
                possibleCriteria: config.dataset.criteria, judge: judge, llm: llm
            ).evaluate()
            try FileManager.default.createDirectory(at: folder(task), withIntermediateDirectories: true)
            try JSONEncoder().encode(result).write(to: folder(task).appending(path: "result.json"))
        }
    }

    /// Runs the cherry-pick experiment over the Single-Task records and stores its result.
    private func writeCherryPick(data: RunData, llm: ScriptedLLM) async throws {
        guard let task = tasks.first(where: { $0.kind == .cherryPick }),
            let multi = tasks.first(where: { $0.kind == .run && $0.mode == .SSS })
        else { return }
        var singleRuns: [String: [[StepRecord]]] = [:]
        for run in tasks where run.kind == .run && run.mode == .single {
            let text = try String(contentsOf: folder(run).appending(path: "steps.jsonl"), encoding: .utf8)
            let records = try text.split(separator: "\n").map {
                try JSONDecoder().decode(StepRecord.self, from: Data($0.utf8))
            }
            singleRuns[run.criterion ?? "", default: []].append(records)
        }
        var spec = try RunSpec(task: multi, config: config)
        spec.taskID = task.id
        let results = try await CherryPickExperiment(spec: spec, data: data, llm: llm, singleRuns: singleRuns)
            .evaluate().results
        try FileManager.default.createDirectory(at: folder(task), withIntermediateDirectories: true)
        try JSONEncoder().encode(results).write(to: folder(task).appending(path: "result.json"))
    }

    /// The folder of `task`'s records.
    func folder(_ task: SweepTask) -> URL {
        directory.appending(path: "runs").appending(path: task.id)
    }

    /// Every file under the folder's `tables/`, `plots/` and `report.html`, by relative path.
    func outputs() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for sub in ["tables", "plots"] {
            let url = directory.appending(path: sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                result["\(sub)/\(name)"] = try Data(contentsOf: url.appending(path: name))
            }
        }
        result["report.html"] = try Data(contentsOf: directory.appending(path: "report.html"))
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
