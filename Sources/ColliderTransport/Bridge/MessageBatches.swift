import Synchronization

/// Received messages handed over in batches: `next()` returns *everything* that arrived since the
/// previous call (waiting only when nothing did), so a reader that falls behind takes larger
/// batches instead of a growing queue of small ones. One reader at a time.
///
/// A reader off the cooperative pool (the coordinator's core queue) uses `onArrival` and
/// `take()` instead: the I/O thread then asks it to take a batch without an `async` hop between.
public final class MessageBatches: Sendable {
    /// One received message and its sender.
    public typealias Item = (peer: PeerID, envelope: Envelope)

    private struct State {
        var items: [Item] = []
        var finished = false
        var waiter: CheckedContinuation<[Item]?, Never>?
        var arrival: (@Sendable () -> Void)?
        /// `arrival` was called and its `take()` has not run yet.
        var takeAsked = false

        /// Whether `arrival` must be called now (it is then marked as called).
        mutating func askToTake() -> (@Sendable () -> Void)? {
            guard let arrival, !takeAsked, !items.isEmpty || finished else { return nil }
            takeAsked = true
            return arrival
        }
    }

    private let state = Mutex(State())

    init() {}

    /// For the I/O thread: appends what one wake-up read.
    func append(_ items: [Item]) {
        guard !items.isEmpty else { return }
        let (waiter, arrival) = state.withLock { state -> (CheckedContinuation<[Item]?, Never>?, (@Sendable () -> Void)?) in
            guard !state.finished else { return (nil, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, nil)
            }
            state.items.append(contentsOf: items)
            return (nil, state.askToTake())
        }
        waiter?.resume(returning: items)
        arrival?()
    }

    /// For the I/O thread, once it stopped: `next()` returns what is left, then nil.
    func finish() {
        let (waiter, arrival) = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return (state.waiter, state.askToTake())
        }
        waiter?.resume(returning: nil)
        arrival?()
    }

    /// Instead of `next()`: `arrival` runs on the I/O thread whenever messages arrive (or the
    /// endpoint closes) and no call it made is still waiting for its `take()`. It must only
    /// schedule that `take()` (e.g. on a serial queue), not run it. Messages that arrived before
    /// the call are announced at once.
    public func onArrival(_ arrival: @escaping @Sendable () -> Void) {
        state.withLock { state in
            state.arrival = arrival
            return state.askToTake()
        }?()
    }

    /// Everything received since the previous take, in order, and whether the endpoint has closed
    /// (nothing more will arrive). For the reader `onArrival` asks.
    public func take() -> (items: [Item], closed: Bool) {
        state.withLock { state in
            state.takeAsked = false
            defer { state.items.removeAll(keepingCapacity: true) }
            if state.finished {
                // Told once; the reader holds no reference back through this object.
                state.arrival = nil
            }
            return (state.items, state.finished)
        }
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
