import Synchronization

/// Received messages handed over in batches: the I/O thread asks the reader (through
/// `onArrival`) to `take()` *everything* that arrived since its previous take, so a reader that
/// falls behind takes larger batches instead of a growing queue of small ones. The coordinator's
/// core is the reader, and takes each batch on the I/O thread itself: no thread is woken between
/// reading a CREDIT and scheduling it.
public final class MessageBatches: Sendable {
    /// One received message and its sender.
    public typealias Item = (peer: PeerID, envelope: Envelope)

    private struct State {
        var items: [Item] = []
        var finished = false
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
        state.withLock { state -> (@Sendable () -> Void)? in
            guard !state.finished else { return nil }
            state.items.append(contentsOf: items)
            return state.askToTake()
        }?()
    }

    /// For the I/O thread, once it stopped: the next `take()` says the endpoint has closed.
    func finish() {
        state.withLock { state -> (@Sendable () -> Void)? in
            state.finished = true
            return state.askToTake()
        }?()
    }

    /// Sets the reader: `arrival` runs on the I/O thread whenever messages arrive (or the endpoint
    /// closes) and no call it made is still waiting for its `take()`. It may run that `take()`
    /// itself, holding up the I/O thread until it returns, or have it run elsewhere. Messages that
    /// arrived before the call are announced at once, on the calling thread.
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
}
