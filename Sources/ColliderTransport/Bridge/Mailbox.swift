import Glibc
import Synchronization

/// A message waiting for the I/O thread, and who to tell when it is sent (or why it was not).
struct Outbound: Sendable {
    var frames: [[UInt8]]
    /// A TASK: timed from the CREDIT it spends (`DispatchTimer`) when it leaves.
    var isTask = false
    /// Called once, on the I/O thread (or the caller's, when the endpoint is closing).
    var completion: @Sendable (Result<Void, TransportError>) -> Void
}

/// What an endpoint's callers and its I/O thread share: the Mutex-guarded outbox, the close
/// request, the eventfd that wakes the thread, and the stats (style.md 7).
///
/// What the I/O thread posts itself (the coordinator's core schedules batches on it) wakes
/// nothing: the thread takes the outbox again before it next waits.
final class Mailbox: Sendable {
    let wake: WakeSignal
    let stats = Mutex(TransportStats())
    private let state = Mutex(State())
    /// The I/O thread (`pthread_self`), once it runs; 0 before.
    private let ioThread = Atomic<UInt>(0)

    private struct State {
        var outbox: [Outbound] = []
        var closing = false
        var closed = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    init() throws(ZMQError) { wake = try WakeSignal() }

    // The fd lives as long as the mailbox, so a late `signal()` never writes to a reused fd.
    deinit { wake.close() }

    /// For the I/O thread, before its loop starts: marks the calling thread as the I/O thread.
    func runsOnThisThread() {
        ioThread.store(UInt(pthread_self()), ordering: .relaxed)
    }

    /// Queues `outbound` for the I/O thread; fails it at once if the endpoint is closing.
    func post(_ outbound: Outbound) {
        post(contentsOf: [outbound])
    }

    /// Queues `batch` for the I/O thread in order, with one wake-up (none when posted from the
    /// I/O thread); fails every one of them at once if the endpoint is closing.
    func post(contentsOf batch: [Outbound]) {
        guard !batch.isEmpty else { return }
        let accepted = state.withLock { state in
            guard !state.closing else { return false }
            state.outbox.append(contentsOf: batch)
            return true
        }
        if !accepted {
            for outbound in batch { outbound.completion(.failure(.closed)) }
        } else if UInt(pthread_self()) != ioThread.load(ordering: .relaxed) {
            wake.signal()
        }
    }

    /// Asks the I/O thread to stop; `waiter`, if any, resumes once it has.
    func requestClose(_ waiter: CheckedContinuation<Void, Never>?) {
        let alreadyClosed = state.withLock { state in
            state.closing = true
            if !state.closed, let waiter { state.closeWaiters.append(waiter) }
            return state.closed
        }
        if alreadyClosed { waiter?.resume() } else { wake.signal() }
    }

    /// For the I/O thread: the queued messages, and whether a close was requested.
    func take() -> (batch: [Outbound], closing: Bool) {
        state.withLock { state in
            defer { state.outbox.removeAll() }
            return (state.outbox, state.closing)
        }
    }

    /// For the I/O thread, once its sockets are closed: refuses everything still queued and
    /// resumes whoever waits in `close()`.
    func finish() {
        let (left, waiters) = state.withLock { state in
            state.closing = true
            state.closed = true
            defer {
                state.outbox.removeAll()
                state.closeWaiters.removeAll()
            }
            return (state.outbox, state.closeWaiters)
        }
        for outbound in left { outbound.completion(.failure(.closed)) }
        for waiter in waiters { waiter.resume() }
    }
}
