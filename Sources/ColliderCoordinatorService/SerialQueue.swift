import Dispatch

/// Owns a value and runs every call to it in turn, in the order they were handed in, through one
/// serial dispatch queue, off the cooperative pool: the coordinator's SQLite calls block
/// (style.md item 7). The coordinator has two: the core's (the scheduler and what it hands the
/// store writer: the dispatch path) and the store reads' (status, progress, step records), so
/// that a read scanning the sweep's tables never delays a batch, and with it a TASK. In WAL mode
/// the reads see the last commit and never block the writer.
final class SerialQueue<Owned>: @unchecked Sendable {
    // @unchecked: `owned` is read and written only inside `queue.async` and `queue.sync` blocks
    // of the one serial queue below, so no two threads ever touch it at once.
    private var owned: Owned
    private let queue: DispatchQueue

    init(_ owned: Owned, label: String) {
        self.owned = owned
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` with the owned value once everything handed in before has run, and returns
    /// when it has. libdispatch runs it on the calling thread when it can, so a caller with work
    /// for the queue wakes no other thread: the I/O thread's `onArrival` schedules its batch
    /// itself. The caller waits meanwhile, so it must be neither the queue's own thread nor one of
    /// the cooperative pool's.
    func run(_ body: (inout Owned) -> Void) {
        queue.sync { body(&self.owned) }
    }

    /// Runs `body` on the queue with the owned value and returns its result.
    func with<T: Sendable>(_ body: @escaping @Sendable (inout Owned) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(&self.owned) })
            }
        }
    }
}
