import ColliderCore
import ColliderLLM
import ColliderPipeline
import Foundation

/// Why a task could not be executed. Its description names the task.
public struct TaskExecutionError: Error, Sendable, CustomStringConvertible {
    /// The task.
    public var taskID: String
    /// What went wrong.
    public var message: String

    public var description: String { "task \(taskID): \(message)" }
}

/// Executes one `SweepTask` of any kind into a results folder.
///
/// A `run` goes through `Run` and `RunRecordWriter`, resuming from a given checkpoint or the one
/// in its folder, with its LLM calls answered from the given journal where they match. Cherry-pick
/// and the diagnostics take their dependencies' step records from the caller (a worker fetches
/// them from the coordinator's store) or else read them from `RESULTS/runs/<dep-id>/`, and write
/// their result under `RESULTS/runs/<task-id>/`.
public struct TaskExecutor: Sendable {
    /// The sweep the tasks belong to.
    public let sweep: SweepContext
    /// Answers the calls no journal entry answers.
    public let llm: any LLM
    /// The results folder (`RESULTS`).
    public let results: URL

    /// An executor of `sweep`'s tasks that sends calls to `llm` and writes under `results`.
    public init(sweep: SweepContext, llm: any LLM, results: URL) {
        self.sweep = sweep
        self.llm = llm
        self.results = results
    }

    /// Executes `task`.
    /// - Parameters:
    ///   - checkpoint: where a run continues; nil: the checkpoint in its folder when
    ///     `useLocalCheckpoint`, else from the start.
    ///   - useLocalCheckpoint: false when a coordinator's store, not the folder, says where the
    ///     task stands (the folder may hold steps whose records the store never received).
    ///   - journal: calls already paid for, answered without the network.
    ///   - dependencySteps: the step records of an analysis's dependency runs by task id; a
    ///     dependency missing here is read from its folder under `results`.
    ///   - progress: called after each completed step of a run, and in between (for every kind
    ///     of task) with the calls completed since the last report, as they complete.
    public func execute(
        _ task: SweepTask, checkpoint: RunCheckpoint? = nil, useLocalCheckpoint: Bool = true,
        journal: [JournalEntry] = [], dependencySteps: [String: [StepRecord]] = [:],
        progress: @escaping @Sendable (StepProgress) async -> Void = { _ in }
    ) async throws -> TaskOutcome {
        let journaling = JournalingLLM(wrapping: llm, journal: journal)
        let stats: RunStats
        var unreported: [JournalEntry] = []
        switch task.kind {
        case .run:
            let writer = try RunRecordWriter(results: results, taskID: task.id)
            let sink = ProgressSink(writer: writer, journal: journaling, report: progress)
            let start = try checkpoint ?? (useLocalCheckpoint ? writer.latestCheckpoint() : nil)
            try await writer.prepare(resumingFrom: start)
            let run = Run(spec: try RunSpec(task: task, config: sweep.config), data: sweep.data, llm: journaling, sink: sink)
            // Calls of a step in progress reach the coordinator too, so a re-leased task replays them.
            let flusher = flushingJournal(of: task.id, through: sink)
            defer { flusher.cancel() }
            let summary = if let start { try await run.resume(from: start) } else { try await run.start() }
            flusher.cancel()
            await flusher.value
            stats = RunStats(summary)
            unreported = await sink.unreportedEntries()
        case .cherryPick, .gradientSpecificity, .feedbackAdherence:
            let analysis = AnalysisProgress(journal: journaling, report: progress)
            let flusher = flushingJournal(of: task.id, through: analysis)
            defer { flusher.cancel() }
            stats =
                if task.kind == .cherryPick {
                    try await cherryPick(task, llm: journaling, dependencySteps: dependencySteps)
                } else {
                    try await diagnostic(task, llm: journaling, dependencySteps: dependencySteps)
                }
            flusher.cancel()
            await flusher.value
            unreported = await analysis.unreportedEntries()
        }
        return TaskOutcome(
            taskID: task.id, sentCalls: journaling.misses, replayedCalls: journaling.hits, stats: stats,
            journal: unreported)
    }

    /// Scores the combined prompts of the cell's Single-Task runs; writes `result.json`.
    private func cherryPick(
        _ task: SweepTask, llm: any LLM, dependencySteps: [String: [StepRecord]]
    ) async throws -> RunStats {
        var singleRuns: [String: [[StepRecord]]] = [:]
        for dependency in task.dependsOn {
            guard let run = sweep.tasksByID[dependency], let criterion = run.criterion else {
                throw TaskExecutionError(taskID: task.id, message: "dependency \(dependency) is not a Single-Task run")
            }
            singleRuns[criterion, default: []].append(
                try steps(of: dependency, for: task, supplied: dependencySteps))
        }
        // The combined prompt scores every criterion with the backbone's task role; mode, gate
        // and seed of the spec are not used by the experiment.
        let scoring = SweepTask(
            id: task.id, kind: .run, backbone: task.backbone, mode: .CCC, gate: task.gate, seed: 0, criterion: nil,
            dependsOn: [])
        let spec = try RunSpec(task: scoring, config: sweep.config)
        let (experimentResults, stats) = try await CherryPickExperiment(
            spec: spec, data: sweep.data, llm: llm, singleRuns: singleRuns
        ).evaluate()
        try TaskRecords.writeAnalysis(experimentResults, task: task, stats: stats, results: results)
        return stats
    }

    /// Judges the steps of the run the diagnostic depends on; writes `<kind>.json`.
    private func diagnostic(
        _ task: SweepTask, llm: any LLM, dependencySteps: [String: [StepRecord]]
    ) async throws -> RunStats {
        guard let runID = task.dependsOn.first, let run = sweep.tasksByID[runID],
            let kind = Diagnostic.Kind(rawValue: task.kind.rawValue), let judge = sweep.config.judge
        else {
            throw TaskExecutionError(taskID: task.id, message: "a diagnostic needs one run to judge and a judge role")
        }
        let runSteps = try self.steps(of: runID, for: task, supplied: dependencySteps)
        let result = try await Diagnostic(
            kind: kind, taskID: task.id, run: try RunSpec(task: run, config: sweep.config), steps: runSteps,
            possibleCriteria: sweep.config.dataset.criteria, judge: judge, llm: llm
        ).evaluate()
        try TaskRecords.writeAnalysis(result, task: task, stats: result.stats, results: results)
        return result.stats
    }
}

extension TaskExecutor {
    /// The step records of `dependency`: those supplied, else those in its folder.
    func steps(of dependency: String, for task: SweepTask, supplied: [String: [StepRecord]]) throws -> [StepRecord] {
        if let records = supplied[dependency] { return records.sorted { $0.step < $1.step } }
        do {
            return try TaskRecords.steps(results: results, taskID: dependency)
        } catch {
            throw TaskExecutionError(
                taskID: task.id,
                message: "no step records of dependency \(dependency): the coordinator supplied none and "
                    + "\(TaskRecords.directory(results: results, taskID: dependency).path)/steps.jsonl cannot be read (\(error))")
        }
    }
}

extension RunStats {
    /// The totals a run's summary reports.
    init(_ summary: RunSummary) {
        self.init()
        calls = summary.calls
        resamples = summary.resamples
        failures = summary.failures
        parseFailures = summary.parseFailures
        promptTokens = summary.tokens.prompt
        completionTokens = summary.tokens.completion
        cachedTokens = summary.tokens.cached
        dollars = summary.dollars
        wallSeconds = summary.wallSeconds
    }
}
