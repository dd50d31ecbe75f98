import ColliderCore
import Foundation

/// Commits the core's state changes on a thread of its own, in the order they were handed in,
/// and runs what each batch asked to do once its changes are committed (post its ACKs). The
/// core hands a batch over and goes on: a TASK for a new lease leaves while the lease is still
/// being written, so dispatch latency no longer includes SQLite's commit or a WAL checkpoint
/// (docs/protocol.md, "A TASK leaves before its lease is committed"). What acknowledges state —
/// an ACK, the end of a sweep — still waits for the commit.
///
/// The thread runs at a lower scheduling priority (nice 5): on a busy host the dispatch path's
/// threads take a core first, and the writer takes what is left. When it falls behind it commits
/// everything waiting in one transaction, which costs less per change; the backlog is bounded
/// (`maximumBacklog`), beyond which `submit` waits.
///
/// After a failed commit nothing more is committed or acknowledged, and every later call throws
/// that failure: the coordinator must stop and start again from its store.
public final class StoreWriter: @unchecked Sendable {
    // @unchecked: every mutable field below is read and written only while `condition` is locked.
    private let store: SweepStore
    private let condition = NSCondition()
    private var waiting: [(changes: [StoreChange], committed: @Sendable () -> Void)] = []
    private var waitingChanges = 0
    /// Batches handed in and batches committed (or dropped after a failure) so far.
    private var submitted = 0
    private var settled = 0
    private var failure: StoreError?
    private var running = false

    /// Changes waiting beyond which `submit` blocks until the writer catches up.
    public static let maximumBacklog = 20_000
    /// Lease numbers a restarted coordinator skips: a coordinator that stopped may have sent leases
    /// its writer had not committed yet (at most `maximumBacklog` changes plus one batch), whose
    /// ids must not be issued again.
    public static let leaseNumberGap = 1_000_000
    /// The writer thread's nice value.
    static let niceness: Int32 = 5

    /// A writer for `store`; its thread starts with the first `submit`.
    public init(store: SweepStore) {
        self.store = store
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
    /// it from the thread that submits (the core's queue), so that nothing is handed in meanwhile.
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
        let thread = Thread { [self] in
            ThreadNiceness.set(Self.niceness)
            run()
        }
        thread.name = "collider-store-writer"
        thread.start()
    }

    /// Commits what waits, all of it in one transaction, until nothing has waited for a second;
    /// then the thread ends (the next `submit` starts another).
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
            let batches = waiting
            waiting.removeAll(keepingCapacity: true)
            waitingChanges = 0
            let failed = failure != nil
            condition.unlock()
            var error: StoreError?
            if !failed {
                do {
                    try store.apply(batches.count == 1 ? batches[0].changes : batches.flatMap(\.changes))
                    for batch in batches { batch.committed() }
                } catch let failure {
                    error = failure
                }
            }
            condition.lock()
            if let error { failure = failure ?? error }
            settled += batches.count
            condition.broadcast()
        }
    }
}
