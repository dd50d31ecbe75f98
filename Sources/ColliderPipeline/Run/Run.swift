import ColliderCore

/// One multi-objective TextGrad optimization run (reference §1.1, decisions.md): step 0 evaluates
/// the initial prompt; each step 1…S samples a minibatch, runs the task, loss, gradient and
/// optimizer stages per mode, gates the candidate and evaluates the result per the schedule.
///
/// The run talks only to an `LLM` and emits records to a `RunRecordSink`; it does no file I/O.
/// After every completed step it emits a `RunCheckpoint`; `resume(from:)` continues from one and
/// emits the same records as an uninterrupted run when the LLM answers the same.
public struct Run: Sendable {
    /// The run's effective configuration.
    public let spec: RunSpec
    /// The rows and splits.
    public let data: RunData
    /// Answers every call; in production the journal-backed client, in tests a `ScriptedLLM`.
    public let llm: any LLM
    /// Receives the records, checkpoints and summary.
    public let sink: any RunRecordSink

    /// A run of `spec` on `data`; nothing is sent until `start()` or `resume(from:)`.
    public init(spec: RunSpec, data: RunData, llm: any LLM, sink: any RunRecordSink) {
        self.spec = spec
        self.data = data
        self.llm = llm
        self.sink = sink
    }

    /// Runs every step from the baseline on; returns the summary it also emitted.
    public func start() async throws -> RunSummary {
        let initial = Dictionary(uniqueKeysWithValues: spec.criteria.map { ($0, spec.initialInstruction($0)) })
        let state = RunCheckpoint(
            taskID: spec.taskID, step: -1, instructions: initial, previousInstructions: initial, formatBlock: true,
            gate: ValidationGate(metric: spec.gate), stats: RunStats())
        return try await run(from: state)
    }

    /// Continues after the checkpoint's step; returns the summary it also emitted.
    public func resume(from checkpoint: RunCheckpoint) async throws -> RunSummary {
        guard checkpoint.version == RunCheckpoint.currentVersion, checkpoint.taskID == spec.taskID,
            (0...spec.pipeline.steps).contains(checkpoint.step), checkpoint.gate.metric == spec.gate
        else {
            throw RunError(
                .checkpointMismatch,
                "task \(spec.taskID): the checkpoint is for task \(checkpoint.taskID), step \(checkpoint.step), version \(checkpoint.version)")
        }
        return try await run(from: checkpoint)
    }

    private func run(from start: RunCheckpoint) async throws -> RunSummary {
        let context = RunContext(spec: spec, data: data, llm: llm, stats: start.stats)
        var state = start
        do {
            if state.step < 0 { state = try await step(0, state: state, context: context) }
            while state.step < spec.pipeline.steps {
                state = try await step(state.step + 1, state: state, context: context)
            }
        } catch {
            let summary = RunSummary(
                spec: spec, status: .failed, lastStep: state.step >= 0 ? state.step : nil,
                stats: context.ledger.snapshot, error: String(describing: error))
            try? await sink.emit(.summary(summary))
            throw error
        }
        let summary = RunSummary(spec: spec, status: .completed, lastStep: state.step, stats: state.stats, error: nil)
        try await sink.emit(.summary(summary))
        return summary
    }

    /// Runs step `step` (0 is the baseline) from `state`; emits its records and checkpoint.
    private func step(_ step: Int, state: RunCheckpoint, context: RunContext) async throws -> RunCheckpoint {
        let clock = ContinuousClock()
        let started = clock.now
        var next = state
        var record: StepRecord
        if step == 0 {
            record = StepRecord(
                step: 0, instructionsBefore: state.instructions, instructions: state.instructions,
                formatBlock: state.formatBlock)
        } else {
            record = try await OptimizationStep(context: context).run(step: step, state: &next)
        }
        if spec.pipeline.evaluates(step: step) {
            let prompt = context.taskPrompt(instructions: next.instructions, formatBlock: next.formatBlock)
            let evaluation = try await EvaluationStage(context: context).test(step: step, prompt: prompt)
            record.test = evaluation.metrics
            record.testAvg = TestAverage(spec.criteria.compactMap { evaluation.metrics[$0] })
            try await sink.emit(.evaluation(step: step, items: evaluation.items))
        }
        let elapsed = clock.now - started
        context.ledger.update {
            $0.wallSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        next.step = step
        next.stats = context.ledger.snapshot
        try await sink.emit(.step(record))
        try await sink.emit(.checkpoint(next))
        return next
    }
}
