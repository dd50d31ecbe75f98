import Dispatch
import Foundation
import GRDB
import Logging
import Synchronization

/// Takes the store's WAL checkpoints off the commit path. SQLite's default copies the WAL back
/// into the database (and syncs both) inside whichever commit crosses 1,000 pages: at a thousand
/// tasks a second that was one commit in every hundred or so stalling several milliseconds, the
/// dispatch benchmark's p99. While a checkpointer runs, the writer never checkpoints; a thread of
/// its own, on a connection of its own, runs a passive checkpoint every `interval` (passive: it
/// copies what no reader still needs and never blocks the writer, which goes on appending). On
/// `stop()` the writer's automatic checkpoints come back.
public final class WALCheckpointer: Sendable {
    /// The writer's automatic checkpoint threshold, SQLite's default, restored by `stop()`.
    static let automaticPages = 1000

    private let store: SweepStore
    private let stopSignal = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let running = Mutex(true)

    /// Starts checkpointing `store` every `interval` and stops its writer's own checkpoints.
    public init(store: SweepStore, interval: Duration = .milliseconds(250), logger: Logger) throws(StoreError) {
        self.store = store
        let connection: DatabaseQueue
        do {
            connection = try DatabaseQueue(path: store.path)
        } catch {
            throw StoreError(.open, "open a checkpoint connection", path: store.path, underlying: error)
        }
        try store.write("stop automatic checkpoints") { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let path = store.path
        let stopSignal = stopSignal
        let stopped = stopped
        let thread = Thread {
            var warned = false
            while stopSignal.wait(timeout: .now() + seconds) == .timedOut {
                do {
                    try connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
                } catch {
                    // Once: a failing checkpoint fails every time, and the commits go on.
                    if !warned {
                        logger.warning("WAL checkpoint failed", metadata: ["store": "\(path)", "error": "\(error)"])
                    }
                    warned = true
                }
            }
            stopped.signal()
        }
        thread.name = "collider-checkpoint"
        thread.start()
    }

    /// Stops the thread (waiting for a checkpoint in progress) and gives checkpoints back to the
    /// writer's commits.
    public func stop() throws(StoreError) {
        guard running.withLock({ running in defer { running = false }; return running }) else { return }
        stopSignal.signal()
        stopped.wait()
        try store.write("restore automatic checkpoints") { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.automaticPages)")
        }
    }

    deinit {
        if running.withLock({ $0 }) { stopSignal.signal() }
    }
}
