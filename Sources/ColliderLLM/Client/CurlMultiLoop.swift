import ColliderCore
import CCurl
import Foundation
import Logging
import Synchronization

/// The state shared between callers and the loop thread: the inbox of queued requests and
/// cancellations, and each call's continuation. Callers queue work and wake the thread with
/// `curl_multi_wakeup`; the thread does everything else with the multi handle.
///
/// `@unchecked Sendable`: the only non-Sendable stored property is the multi handle pointer. The
/// loop thread is the only one that passes it to libcurl, except `curl_multi_wakeup`, which libcurl
/// documents as callable from any thread; that call happens under the inbox lock and only while
/// `running` is true, and the thread clears `running` under the same lock before it cleans the handle
/// up, so no wakeup can reach a freed handle. Everything else lives in the `Mutex`.
final class CurlMultiLoop: @unchecked Sendable {
    typealias Completion = CheckedContinuation<Result<HTTPResponse, TransportError>, Never>

    private enum Call {
        /// An id was handed out; the request is not queued yet.
        case allocated
        /// Cancelled before it was queued: it will finish as cancelled the moment it is queued.
        case cancelledEarly
        /// Queued or in flight; resumed exactly once, by whoever removes the entry.
        case submitted(Completion)
    }

    private struct Inbox {
        var nextID: UInt64 = 0
        var calls: [UInt64: Call] = [:]
        var queued: [(id: UInt64, request: HTTPRequest)] = []
        var cancelled: [UInt64] = []
        var stopping = false
        var running = true
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// What the loop thread takes from the inbox in one turn.
    struct Work {
        var queued: [(id: UInt64, request: HTTPRequest)]
        var cancelled: [UInt64]
        var stopping: Bool
    }

    let multi: UnsafeMutableRawPointer
    let logger: Logger
    private let inbox = Mutex(Inbox())

    init(multi: UnsafeMutableRawPointer, logger: Logger) {
        self.multi = multi
        self.logger = logger
    }

    func allocateID() -> UInt64 {
        inbox.withLock { inbox in
            inbox.nextID += 1
            inbox.calls[inbox.nextID] = .allocated
            return inbox.nextID
        }
    }

    /// Queues `request` under `id` and waits for its outcome.
    func perform(_ id: UInt64, _ request: HTTPRequest) async -> Result<HTTPResponse, TransportError> {
        await withCheckedContinuation { (completion: Completion) in
            let refusal: TransportError? = inbox.withLock { inbox in
                if case .cancelledEarly = inbox.calls[id] {
                    inbox.calls[id] = nil
                    return TransportError(.cancelled, "cancelled before it was sent")
                }
                guard !inbox.stopping else {
                    inbox.calls[id] = nil
                    return TransportError(.shutdown, "the HTTP client is shut down")
                }
                inbox.calls[id] = .submitted(completion)
                inbox.queued.append((id, request))
                curl_multi_wakeup(multi)
                return nil
            }
            if let refusal { completion.resume(returning: .failure(refusal)) }
        }
    }

    /// Cancels call `id`: it finishes at once as cancelled and the thread drops its transfer.
    func cancel(_ id: UInt64) {
        let completion: Completion? = inbox.withLock { inbox in
            switch inbox.calls[id] {
            case .allocated:
                inbox.calls[id] = .cancelledEarly
                return nil
            case .submitted(let completion):
                inbox.calls[id] = nil
                inbox.cancelled.append(id)
                if inbox.running { curl_multi_wakeup(multi) }
                return completion
            case .cancelledEarly, nil:
                return nil
            }
        }
        completion?.resume(returning: .failure(TransportError(.cancelled, "cancelled while in flight")))
    }

    /// Resumes call `id` with `result` unless it was cancelled meanwhile.
    func finish(_ id: UInt64, _ result: Result<HTTPResponse, TransportError>) {
        let completion: Completion? = inbox.withLock { inbox in
            guard case .submitted(let completion) = inbox.calls.removeValue(forKey: id) else { return nil }
            return completion
        }
        completion?.resume(returning: result)
    }

    /// Takes everything queued since the last turn; queued requests cancelled meanwhile are dropped.
    func takeWork() -> Work {
        inbox.withLock { inbox in
            let queued = inbox.queued.filter { job in
                if case .submitted = inbox.calls[job.id] { return true }
                return false
            }
            let work = Work(queued: queued, cancelled: inbox.cancelled, stopping: inbox.stopping)
            inbox.queued = []
            inbox.cancelled = []
            return work
        }
    }

    /// Asks the thread to finish: in-flight calls end with `.shutdown`. Does not wait.
    func requestStop() {
        inbox.withLock { inbox in
            inbox.stopping = true
            if inbox.running { curl_multi_wakeup(multi) }
        }
    }

    /// Asks the thread to finish and waits until it has.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = inbox.withLock { inbox in
                inbox.stopping = true
                guard inbox.running else { return true }
                inbox.stopWaiters.append(waiter)
                curl_multi_wakeup(multi)
                return false
            }
            if done { waiter.resume() }
        }
    }

    /// Called by the thread as it exits: no wakeup may reach the multi handle after this, every call
    /// still waiting ends with `.shutdown`, then the handle is cleaned up.
    func threadDidExit() {
        let (calls, waiters) = inbox.withLock { inbox in
            inbox.running = false
            let calls = inbox.calls
            let waiters = inbox.stopWaiters
            inbox.calls = [:]
            inbox.queued = []
            inbox.stopWaiters = []
            return (calls, waiters)
        }
        curl_multi_cleanup(multi)
        for case .submitted(let completion) in calls.values {
            completion.resume(returning: .failure(TransportError(.shutdown, "the HTTP client is shut down")))
        }
        for waiter in waiters { waiter.resume() }
    }
}
