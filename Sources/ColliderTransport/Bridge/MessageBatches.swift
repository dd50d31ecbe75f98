import Synchronization

/// Received messages handed over in batches: `next()` returns *everything* that arrived since the
/// previous call (waiting only when nothing did), so a reader that falls behind takes larger
/// batches instead of a growing queue of small ones. One reader at a time.
public final class MessageBatches: Sendable {
    /// One received message and its sender.
    public typealias Item = (peer: PeerID, envelope: Envelope)

    private struct State {
        var items: [Item] = []
        var finished = false
        var waiter: CheckedContinuation<[Item]?, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// For the I/O thread: appends what one wake-up read.
    func append(_ items: [Item]) {
        guard !items.isEmpty else { return }
        let waiter: CheckedContinuation<[Item]?, Never>? = state.withLock { state in
            guard !state.finished else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.items.append(contentsOf: items)
            return nil
        }
        waiter?.resume(returning: items)
    }

    /// For the I/O thread, once it stopped: `next()` returns what is left, then nil.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Every message received since the previous call, in order; waits while there is none; nil
    /// once the endpoint has closed and everything was read, or when the calling task is cancelled.
    public func next() async -> [Item]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Item]?, Never>) in
                let ready: [Item]?? = state.withLock { state in
                    if !state.items.isEmpty {
                        defer { state.items.removeAll(keepingCapacity: true) }
                        return .some(state.items)
                    }
                    // Checked under the lock that the cancellation handler takes too, so a
                    // cancellation is never missed between the check and the wait.
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
