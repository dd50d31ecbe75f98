import ColliderLLM
import ColliderPipeline

/// Stores a run's events through its `RunRecordWriter` and, after each checkpoint, reports the
/// step with the journal entries recorded since the previous report.
actor ProgressSink: RunRecordSink {
    private let writer: RunRecordWriter
    private let journal: JournalingLLM
    private let report: @Sendable (StepProgress) async -> Void
    private var reportedEntries = 0

    init(writer: RunRecordWriter, journal: JournalingLLM, report: @escaping @Sendable (StepProgress) async -> Void) {
        self.writer = writer
        self.journal = journal
        self.report = report
    }

    func emit(_ event: RunEvent) async throws {
        try await writer.emit(event)
        guard case .checkpoint(let checkpoint) = event else { return }
        await report(
            StepProgress(
                taskID: checkpoint.taskID, step: checkpoint.step, checkpoint: checkpoint, journal: unreportedEntries(),
                stats: checkpoint.stats))
    }

    /// Entries recorded since the last call, which marks them reported.
    func unreportedEntries() -> [JournalEntry] {
        let recorded = journal.recorded
        defer { reportedEntries = recorded.count }
        return Array(recorded.dropFirst(reportedEntries))
    }
}
