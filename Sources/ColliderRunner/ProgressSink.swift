import ColliderLLM
import ColliderPipeline

/// Stores a run's events through its `RunRecordWriter` and, after each checkpoint, reports the
/// step with its record and the journal entries recorded since the previous report.
actor ProgressSink: RunRecordSink, JournalFlushing {
    private let writer: RunRecordWriter
    private let journal: JournalingLLM
    private let report: @Sendable (StepProgress) async -> Void
    private var cursor = JournalCursor()
    /// The record of the step whose checkpoint comes next.
    private var pendingStep: StepRecord?
    /// The last checkpoint reported, for the reports in between.
    private var lastCheckpoint: RunCheckpoint?

    init(writer: RunRecordWriter, journal: JournalingLLM, report: @escaping @Sendable (StepProgress) async -> Void) {
        self.writer = writer
        self.journal = journal
        self.report = report
    }

    func emit(_ event: RunEvent) async throws {
        try await writer.emit(event)
        switch event {
        case .step(let record):
            pendingStep = record
        case .checkpoint(let checkpoint):
            defer { pendingStep = nil }
            lastCheckpoint = checkpoint
            await report(
                StepProgress(
                    taskID: checkpoint.taskID, step: checkpoint.step, checkpoint: checkpoint,
                    record: pendingStep, journal: unreportedEntries(), stats: checkpoint.stats))
        case .evaluation, .summary:
            break
        }
    }

    nonisolated var newEntries: AsyncStream<JournalEntry> { journal.newEntries }

    /// Reports the journal entries recorded since the last report, if there are any.
    func flushJournal(taskID: String) async {
        let entries = unreportedEntries()
        guard !entries.isEmpty else { return }
        await report(
            StepProgress(
                taskID: taskID, step: lastCheckpoint?.step ?? -1, checkpoint: nil, record: nil, journal: entries,
                stats: lastCheckpoint?.stats ?? RunStats()))
    }

    /// Entries recorded since the last call, which marks them reported.
    func unreportedEntries() -> [JournalEntry] { cursor.take(from: journal) }
}
