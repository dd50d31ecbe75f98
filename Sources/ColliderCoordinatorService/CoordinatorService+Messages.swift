import ColliderCoordinator
import ColliderCore
import ColliderLLM
import ColliderTransport
import Foundation
import Synchronization

/// What the shell remembers besides the core: the peers it has heard from, and each task's last
/// reported cumulative usage (PROGRESS carries totals; the store wants increments).
final class ShellState: Sendable {
    private struct Usage {
        var calls = 0
        var tokens = 0
        var dollars = 0.0
    }

    private let peerSet = Mutex<Set<PeerID>>([])
    private let usage = Mutex<[String: Usage]>([:])
    private let finishedSummary = Mutex<SweepSummary?>(nil)

    /// The summary of the sweep once the core said it finished, whichever event finished it (a
    /// result, a tick, or a drain with nothing in flight).
    var finished: SweepSummary? {
        get { finishedSummary.withLock { $0 } }
        set { finishedSummary.withLock { $0 = newValue } }
    }

    var peers: Set<PeerID> { peerSet.withLock { $0 } }

    func heard(_ peer: PeerID) {
        _ = peerSet.withLock { $0.insert(peer) }
    }

    func forget(_ peer: PeerID) {
        _ = peerSet.withLock { $0.remove(peer) }
    }

    /// The increment of `progress`'s totals over the task's last report, as a usage record.
    func increment(_ progress: TaskProgress) -> [UsageRecord] {
        usage.withLock { table in
            let last = table[progress.taskID, default: Usage()]
            guard progress.calls > last.calls || progress.dollars > last.dollars else { return [] }
            table[progress.taskID] = Usage(calls: progress.calls, tokens: progress.tokens, dollars: progress.dollars)
            return [
                UsageRecord(
                    role: "all", endpoint: "all", calls: max(0, progress.calls - last.calls),
                    tokens: max(0, progress.tokens - last.tokens), dollars: max(0, progress.dollars - last.dollars))
            ]
        }
    }
}

extension CoordinatorService {
    /// Maps one incoming message to a scheduler event and handles it.
    func receive(_ envelope: Envelope, from peer: PeerID) async throws -> SweepSummary? {
        if case .status = envelope.message {
            // A monitor, not a worker: answered, never counted as a peer; a status it cannot
            // build is logged, never allowed to stop the sweep.
            do {
                await send(.statusReply(StatusReply(report: try await statusReportJSON())), to: peer)
            } catch {
                logger.warning("status not answered", metadata: ["peer": "\(peer)", "error": "\(error)"])
            }
            return nil
        }
        let now = Date()
        let worker = WorkerID(peer.description)
        let reply = (peer: peer, msgID: envelope.msgID)
        state.heard(peer)
        switch envelope.message {
        case .hello(let hello):
            let held = hello.heldLeases.map { ColliderCoordinator.HeldLease(lease: LeaseID($0.leaseID), taskID: $0.taskID) }
            return try await handle(
                .workerHello(worker, incarnation: String(hello.incarnation), slots: hello.slots, heldLeases: held, now: now),
                replyingTo: reply)
        case .credit(let credit):
            return try await handle(.credit(worker, count: credit.n, now: now), replyingTo: reply)
        case .progress(let progress):
            let report = ProgressReport(
                sequence: Int(truncatingIfNeeded: envelope.msgID), stage: progress.stage, step: progress.step,
                calls: progress.calls, usage: state.increment(progress),
                checkpoint: progress.checkpoint.map { Checkpoint(step: progress.step, blob: $0) },
                journal: progress.journal.compactMap { data in
                    (try? JSONDecoder().decode(ColliderLLM.JournalEntry.self, from: data)).map {
                        ColliderCoordinator.JournalEntry(callKey: $0.callKey, entry: data)
                    }
                },
                stepRecords: progress.stepRecords.map {
                    ColliderCoordinator.StepRecord(step: progress.step, json: String(decoding: $0, as: UTF8.self))
                })
            return try await handle(.progress(worker, LeaseID(progress.leaseID), report, now: now), replyingTo: reply)
        case .result(let result):
            await storeFiles(of: result)
            return try await handle(
                .result(worker, LeaseID(result.leaseID), ResultReport(payload: result.summary), now: now), replyingTo: reply)
        case .fail(let failure):
            logger.warning("task failed", metadata: ["task": "\(failure.taskID)", "reason": "\(failure.reason)"])
            return try await handle(
                .fail(
                    worker, LeaseID(failure.leaseID), failure.failureClass, retryable: failure.retryable,
                    reason: failure.reason, now: now),
                replyingTo: reply)
        case .ping(let heartbeat):
            await send(.pong(heartbeat), to: peer)
            return try await handle(.heartbeat(worker, now: now), replyingTo: reply)
        case .bye:
            state.forget(peer)
            return try await handle(.workerLeft(worker, now: now), replyingTo: reply)
        case .dataRequest(let request):
            await serve(request, to: peer)
            return try await handle(.heartbeat(worker, now: now), replyingTo: nil)
        case .stepsRequest(let request):
            await serve(request, to: peer)
            return try await handle(.heartbeat(worker, now: now), replyingTo: nil)
        case .rateRequest(let request):
            try await receiveRate(request, from: worker, now: now)
            return try await handle(.heartbeat(worker, now: now), replyingTo: nil)
        case .task, .ack, .pong, .rateGrant, .ratePause, .drain, .cancel, .data, .steps, .status,
            .statusReply:
            return try await handle(.heartbeat(worker, now: now), replyingTo: nil)
        }
    }
}
