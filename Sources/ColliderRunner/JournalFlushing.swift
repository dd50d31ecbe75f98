import ColliderLLM
import ColliderPipeline

/// Which of a journal's entries were reported already.
struct JournalCursor {
    private var reported = 0

    /// The entries recorded since the last call, which marks them reported.
    mutating func take(from journal: JournalingLLM) -> [JournalEntry] {
        let recorded = journal.recorded
        defer { reported = recorded.count }
        return Array(recorded.dropFirst(reported))
    }
}

/// Something that reports a task's new journal entries in between its steps.
protocol JournalFlushing: Actor {
    /// The journal's new entries, each as its call completes.
    nonisolated var newEntries: AsyncStream<JournalEntry> { get }
    /// Reports them (nothing when there are none).
    func flushJournal(taskID: String) async
}

/// Reports the calls of an analysis task (cherry-pick, a diagnostic) as they complete: such a task
/// has no steps, so without these reports a worker lost mid-task would take every call with it.
actor AnalysisProgress: JournalFlushing {
    private let journal: JournalingLLM
    private let report: @Sendable (StepProgress) async -> Void
    private var cursor = JournalCursor()

    init(journal: JournalingLLM, report: @escaping @Sendable (StepProgress) async -> Void) {
        self.journal = journal
        self.report = report
    }

    nonisolated var newEntries: AsyncStream<JournalEntry> { journal.newEntries }

    func flushJournal(taskID: String) async {
        let entries = unreportedEntries()
        guard !entries.isEmpty else { return }
        await report(
            StepProgress(taskID: taskID, step: -1, checkpoint: nil, record: nil, journal: entries, stats: RunStats()))
    }

    /// Entries recorded since the last report, which marks them reported.
    func unreportedEntries() -> [JournalEntry] { cursor.take(from: journal) }
}

extension TaskExecutor {
    /// Reports `taskID`'s journal entries through `sink` as their calls complete, until cancelled:
    /// each new entry of the sink's journal wakes it, and it reports every entry not yet reported (entries
    /// that complete during a report go out together in the next).
    /// The sooner the coordinator holds a call's reply, the fewer calls a lost worker takes with
    /// it: a re-leased task replays what was reported and buys only the rest again.
    func flushingJournal(of taskID: String, through sink: some JournalFlushing) -> Task<Void, Never> {
        Task {
            for await _ in sink.newEntries { await sink.flushJournal(taskID: taskID) }
        }
    }
}
