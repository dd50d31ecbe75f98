import ColliderCore
import Foundation

/// Commits the core's state changes on a thread of its own, in the order they were handed in,
/// and runs what each batch asked to do once its changes are committed (post its ACKs). The
/// core hands a batch over and goes on: a TASK for a new lease leaves while the lease is still
/// being written, so dispatch latency no longer includes SQLite's commit or a WAL checkpoint
/// (docs/protocol.md, "A TASK leaves before its lease is committed"). What acknowledges state —
/// an ACK, the end of a sweep — still waits for the commit.
///
/// **Commit windows.** A transaction stays open for `commitWindow` after its first change: the
/// changes handed in meanwhile are written into it as they arrive, and it commits when the window
/// closes. A commit costs about as much as a dozen changes (SQLite writes every page the
/// transaction touched to the WAL, and now and then checkpoints), so at thousands of tasks a
/// second one commit per window instead of one per batch saves the writer a quarter to a third of
/// its work per task (`collider bench store`, docs/benchmarks.md). Writing the changes as they
/// arrive, rather than all at once when the window closes, keeps that work from taking a core in
/// bursts the dispatch path would wait behind. What waits for the commit (an ACK, the end of a
/// sweep) waits up to one window longer.
///
/// The thread runs at a lower scheduling priority (nice 5): on a busy host the dispatch path's
/// threads take a core first, and the writer takes what is left. The backlog of changes not yet
/// written is bounded (`maximumBacklog`), beyond which `submit` waits.
///
/// After a failed commit nothing more is committed or acknowledged, and every later call throws
/// that failure: the coordinator must stop and start again from its store.
public final class StoreWriter: @unchecked Sendable {
    // @unchecked: every mutable field below is read and written only while `condition` is locked.
    private let store: SweepStore
    private let condition = NSCondition()
    private let commitWindow: TimeInterval
    private var waiting: [Batch] = []
    private var waitingChanges = 0
    /// Batches handed in and batches committed (or dropped after a failure) so far.
    private var submitted = 0
    private var settled = 0
    private var failure: StoreError?
    private var running = false

    private typealias Batch = (changes: [StoreChange], committed: @Sendable () -> Void)

    /// Changes waiting beyond which `submit` blocks until the writer catches up.
    public static let maximumBacklog = 20_000
    /// Lease numbers a restarted coordinator skips: a coordinator that stopped may have sent leases
    /// its writer had not committed yet (at most `maximumBacklog` changes plus one batch), whose
    /// ids must not be issued again.
    public static let leaseNumberGap = 1_000_000
    /// The writer thread's nice value.
    static let niceness: Int32 = 5

    /// How long a transaction stays open for more changes, by default.
    public static let defaultCommitWindow: TimeInterval = 0.005

    /// A writer for `store` whose transactions stay open `commitWindow` seconds; its thread starts
    /// with the first `submit`.
    public init(store: SweepStore, commitWindow: TimeInterval = StoreWriter.defaultCommitWindow) {
        self.store = store
        self.commitWindow = commitWindow
    }

    /// Queues `changes` to be committed after every change handed in before them, then runs
    /// `committed` on the writer's thread. Throws the failure of an earlier commit.
    public func submit(_ changes: [StoreChange], then committed: @escaping @Sendable () -> Void) throws(StoreError) {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil, waitingChanges > 0, waitingChanges + changes.count > Self.maximumBacklog {
            condition.wait()
        }
        if let failure { throw failure }
        waiting.append((changes, committed))
        waitingChanges += changes.count
        submitted += 1
        if !running {
            running = true
            startThread()
        } else {
            condition.broadcast()
        }
    }

    /// Waits until everything handed in so far is committed. Throws the failure of a commit.
    public func waitUntilCommitted() throws(StoreError) {
        condition.lock()
        defer { condition.unlock() }
        let ticket = submitted
        while settled < ticket { condition.wait() }
        if let failure { throw failure }
    }

    /// Commits `changes` now, on the calling thread, after everything handed in before them. Call
    /// it with the core (in the core queue's turn), which does all the submitting, so that nothing
    /// is handed in meanwhile.
    public func commitNow(_ changes: [StoreChange]) throws(StoreError) {
        try waitUntilCommitted()
        guard !changes.isEmpty else { return }
        do {
            try store.apply(changes)
        } catch {
            condition.lock()
            failure = failure ?? error
            condition.unlock()
            throw error
        }
    }

    private func startThread() {
        Thread.startNamed("store-writer") { [self] in
            ThreadNiceness.set(Self.niceness)
            run()
        }
    }

    /// Commits what waits, a window at a time, until nothing has waited for a second; then the
    /// thread ends (the next `submit` starts another). After a failure, what waits is dropped.
    private func run() {
        condition.lock()
        while true {
            if waiting.isEmpty {
                let idle = Date().addingTimeInterval(1)
                while waiting.isEmpty, condition.wait(until: idle) {}
                if waiting.isEmpty {
                    running = false
                    condition.unlock()
                    return
                }
            }
            guard failure == nil else {
                settled += waiting.count
                waiting.removeAll(keepingCapacity: true)
                waitingChanges = 0
                condition.broadcast()
                continue
            }
            condition.unlock()
            var written: [Batch] = []
            var error: StoreError?
            do {
                try store.write("commit the scheduler's changes") { db in
                    let closes = Date().addingTimeInterval(commitWindow)
                    while let batches = take(until: closes) {
                        // Counted before they are written: a failed batch settles with the window.
                        written += batches
                        for batch in batches {
                            for change in batch.changes { try store.apply(change, in: db) }
                        }
                    }
                }
                for batch in written { batch.committed() }
            } catch let failure {
                error = failure
            }
            condition.lock()
            if let error { failure = failure ?? error }
            settled += written.count
            condition.broadcast()
        }
    }

    /// The batches waiting now, waiting for some until `closes` if none do; nil once the window
    /// has closed, even if more wait (they open the next window).
    private func take(until closes: Date) -> [Batch]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, condition.wait(until: closes) {}
        guard !waiting.isEmpty, Date() < closes else { return nil }
        let batches = waiting
        waiting.removeAll(keepingCapacity: true)
        waitingChanges = 0
        // `submit` may be waiting for the backlog to shrink.
        condition.broadcast()
        return batches
    }
}
