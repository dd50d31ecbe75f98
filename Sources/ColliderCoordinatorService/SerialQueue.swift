import Dispatch

/// Owns a value and runs every call to it on one serial dispatch queue, off the cooperative pool:
/// the coordinator's SQLite calls block (style.md item 7), and one queue also keeps calls in the
/// order they were handed in. The coordinator has two: the core's (its commits, the dispatch
/// path) and the store reads' (status, progress, step records), so that a read scanning the
/// sweep's tables never delays a commit, and with it a TASK. In WAL mode the reads see the last
/// commit and never block the writer.
final class SerialQueue<Owned>: @unchecked Sendable {
    // @unchecked: `owned` is read and written only inside `queue.async` blocks of the one serial
    // queue below, so no two threads ever touch it at once.
    private var owned: Owned
    private let queue: DispatchQueue

    init(_ owned: Owned, label: String) {
        self.owned = owned
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the queue with the owned value, after what was handed in before, and
    /// returns at once: for a caller that is not a task (the I/O thread's `onArrival`).
    func enqueue(_ body: @escaping @Sendable (inout Owned) -> Void) {
        queue.async { body(&self.owned) }
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
