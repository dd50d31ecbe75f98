import ColliderCoordinator
import Dispatch

/// Owns the `CoordinatorCore` and runs every call to it on one serial dispatch queue, off the
/// cooperative pool: the core's SQLite commits block (style.md item 7), and one queue also keeps
/// events in the order they were handed in.
final class CoreQueue: @unchecked Sendable {
    // @unchecked: `core` is read and written only inside `queue.async` blocks of the one serial
    // queue below, so no two threads ever touch it at once.
    private var core: CoordinatorCore
    private let queue = DispatchQueue(label: "collider.coordinator.core")

    init(_ core: CoordinatorCore) {
        self.core = core
    }

    /// Runs `body` on the queue with the core and returns its result.
    func with<T: Sendable>(_ body: @escaping @Sendable (inout CoordinatorCore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(&self.core) })
            }
        }
    }
}
