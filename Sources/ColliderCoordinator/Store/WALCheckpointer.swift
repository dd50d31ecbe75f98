import Dispatch
import Foundation
import GRDB
import Logging
import Synchronization

/// Does most of the store's WAL checkpointing beside the commits instead of inside them. SQLite
/// copies the WAL back into the database (and syncs both) inside whichever commit crosses 1,000
/// pages: at a thousand tasks a second that was one commit in every hundred or so stalling 5–14
/// ms with 3 rows written — the dispatch benchmark's p99. A thread of its own, on a connection of
/// its own, runs a passive checkpoint every `interval` (passive: it copies what no reader still
/// needs and never blocks the writer, which goes on appending), so the commit that crosses 1,000
/// pages finds most of the WAL copied already.
///
/// The writer keeps its own automatic checkpoint: only a checkpoint by the connection that next
/// writes lets SQLite start the WAL over from its beginning, so without it a busy writer's WAL
/// grows for as long as the writes go on (250 MB in a two-second benchmark sweep).
public final class WALCheckpointer: Sendable {
    private let stopSignal = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let running = Mutex(true)

    /// Starts checkpointing `store` every `interval`.
    public init(store: SweepStore, interval: Duration = .milliseconds(50), logger: Logger) throws(StoreError) {
        let connection: DatabaseQueue
        do {
            connection = try DatabaseQueue(path: store.path)
        } catch {
            throw StoreError(.open, "open a checkpoint connection", path: store.path, underlying: error)
        }
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
                    // Once: a failing checkpoint fails every time, and the writer still checkpoints.
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

    /// Stops the thread, waiting for a checkpoint in progress. Stopping twice does nothing.
    public func stop() {
        guard running.withLock({ running in defer { running = false }; return running }) else { return }
        stopSignal.signal()
        stopped.wait()
    }

    deinit {
        if running.withLock({ $0 }) { stopSignal.signal() }
    }
}
