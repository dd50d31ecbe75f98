import ColliderCoordinator
import ColliderCore
import ColliderLLM
import ColliderTransport
import Foundation

/// The hot path: every message the ROUTER's I/O thread read in one wake-up is handled as one
/// batch, on that thread, in the core queue's turn (no other thread is woken for it); the
/// scheduler takes all its events, and the TASKs of the leases they granted are posted to the I/O
/// thread, which sends them as soon as it is back in its loop; the batch's state changes go to
/// the store writer, which commits them in one SQLite transaction and only then posts the batch's
/// ACKs, cancels and drains. Nothing that acknowledges state leaves before its commit; a TASK
/// acknowledges nothing (docs/protocol.md, "A TASK leaves before its lease is committed").
extension CoordinatorService {
    /// What one batch asks of the core: its scheduler events (with the message each answers),
    /// and the workers that only showed they are alive.
    struct Intake {
        var events: [SchedulerEvent] = []
        /// The message each event answers with an ACK, by the event's position.
        var replies: [(peer: PeerID, msgID: UInt64)?] = []
        var alive: [WorkerID] = []
        /// PINGs, answered with PONGs that acknowledge no state and go out with the batch's replies.
        var pings: [(heartbeat: Heartbeat, peer: PeerID, worker: WorkerID)] = []
        /// Requests served after the batch, in order (status, data, step records, rate).
        var requests: [(peer: PeerID, message: Message)] = []
        var peers: Set<PeerID> = []
        var endsTasks = false

        mutating func add(_ event: SchedulerEvent, replyingTo reply: (peer: PeerID, msgID: UInt64)?) {
            events.append(event)
            replies.append(reply)
        }
    }

    /// Serves the router's batches until the sweep finishes (its summary) or the router closes
    /// (nil). Throws what stopped the core (a failed commit). The I/O thread handles each batch
    /// itself, with the core, in the core queue's turn: while the core serves a tick or a request
    /// the I/O thread waits, as the batch would have.
    func serveBatches() async throws -> SweepSummary? {
        let core = core
        let batches = router.batches
        // Set from a dispatch thread: the messages that arrived before are handled at once on the
        // thread that sets the reader, which must not be one of the cooperative pool's.
        DispatchQueue.global().async { [self] in
            batches.onArrival { core.run { core in self.receiveBatch(core: &core) } }
        }
        for try await summary in batchOutcome.stream { return summary }
        return nil
    }

    /// Serves the requests that batches left for later (status, data, step records, rate), in
    /// the order they came, until cancelled.
    func serveRequests() async {
        for await (requests, now) in pendingRequests.stream {
            for (peer, message) in requests { await serve(message, from: peer, now: now) }
        }
    }

    /// With the core, on the I/O thread: takes every message waiting and handles it as one batch.
    /// After the sweep finished or a commit failed, what arrives is left unread, as the
    /// coordinator is stopping.
    private func receiveBatch(core: inout CoordinatorCore) {
        let (batch, closed) = router.batches.take()
        if !batch.isEmpty, !batchesStopped.load(ordering: .relaxed) {
            do {
                if let summary = try receive(batch, core: &core) {
                    batchesStopped.store(true, ordering: .relaxed)
                    batchOutcome.continuation.yield(summary)
                }
            } catch {
                batchesStopped.store(true, ordering: .relaxed)
                batchOutcome.continuation.finish(throwing: error)
            }
        }
        if closed { batchOutcome.continuation.finish() }
    }

    /// Handles one batch of received messages; returns the summary if the sweep finished.
    private func receive(_ batch: [MessageBatches.Item], core: inout CoordinatorCore) throws -> SweepSummary? {
        let now = Date()
        var intake = Intake()
        intake.events.reserveCapacity(batch.count)
        intake.replies.reserveCapacity(batch.count)
        for (peer, envelope) in batch {
            take(envelope, from: peer, now: now, into: &intake, core: &core)
        }
        state.heard(contentsOf: intake.peers)
        let (finished, deadline) = try schedule(intake, now: now, core: &core)
        armAlarm(for: deadline)
        if intake.endsTasks { refresher?.taskEnded() }
        if !intake.requests.isEmpty { pendingRequests.continuation.yield((intake.requests, now)) }
        handled.add(batch.count)
        return finished
    }

    /// Maps one message into `intake`. A RESULT's record files are written here, before its
    /// result is committed.
    private func take(_ envelope: Envelope, from peer: PeerID, now: Date, into intake: inout Intake, core: inout CoordinatorCore) {
        if case .status = envelope.message {
            // A monitor, not a worker: answered after the batch, never counted as a peer.
            intake.requests.append((peer, envelope.message))
            return
        }
        let worker = WorkerID(peer.description)
        let reply = (peer: peer, msgID: envelope.msgID)
        intake.peers.insert(peer)
        switch envelope.message {
        case .hello(let hello):
            let held = hello.heldLeases.map { ColliderCoordinator.HeldLease(lease: LeaseID($0.leaseID), taskID: $0.taskID) }
            intake.add(
                .workerHello(worker, incarnation: String(hello.incarnation), slots: hello.slots, heldLeases: held, now: now),
                replyingTo: reply)
        case .credit(let credit):
            intake.add(.credit(worker, count: credit.n, now: now), replyingTo: reply)
        case .progress(let progress):
            intake.add(.progress(worker, LeaseID(progress.leaseID), progressReport(progress, msgID: envelope.msgID), now: now), replyingTo: reply)
        case .result(let result):
            storeFiles(of: result, core: &core)
            intake.add(.result(worker, LeaseID(result.leaseID), ResultReport(payload: result.summary), now: now), replyingTo: reply)
            intake.endsTasks = true
        case .fail(let failure):
            logger.warning("task failed", metadata: ["task": "\(failure.taskID)", "reason": "\(failure.reason)"])
            intake.add(
                .fail(
                    worker, LeaseID(failure.leaseID), failure.failureClass, retryable: failure.retryable,
                    reason: failure.reason, now: now),
                replyingTo: reply)
            intake.endsTasks = true
        case .ping(let heartbeat):
            intake.pings.append((heartbeat, peer, worker))
            intake.alive.append(worker)
        case .bye:
            intake.peers.remove(peer)
            state.forget(peer)
            intake.add(.workerLeft(worker, now: now), replyingTo: reply)
        case .dataRequest, .stepsRequest, .rateRequest:
            intake.alive.append(worker)
            intake.requests.append((peer, envelope.message))
        case .task, .ack, .pong, .rateGrant, .ratePause, .drain, .cancel, .data, .steps, .status, .statusReply:
            intake.alive.append(worker)
        }
    }

    private func progressReport(_ progress: TaskProgress, msgID: UInt64) -> ProgressReport {
        ProgressReport(
            sequence: Int(truncatingIfNeeded: msgID), stage: progress.stage, step: progress.step,
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
    }

    /// With the core: liveness, the batch's events handed to the scheduler, the TASKs of
    /// the leases it granted (with their resume points) and the PONGs posted at once, and the
    /// rest of the replies left to the store writer, which posts them once the batch is
    /// committed. Returns the summary if the sweep finished (once that is committed) and when
    /// the scheduler must next tick (`alarmDeadline`).
    func schedule(_ intake: Intake, now: Date, core: inout CoordinatorCore) throws -> (finished: SweepSummary?, deadline: Date?) {
        for worker in intake.alive { core.heard(worker, now: now) }
        // A worker this coordinator does not know (it restarted, or gave the worker up) or
        // whose connection closed is told so in its PONG, and says HELLO again. Asked after
        // the batch's events: a HELLO in the same batch as the PING makes the worker known.
        func pongs(_ core: CoordinatorCore) -> [(message: Message, peer: PeerID)] {
            intake.pings.map { ping in
                var echo = ping.heartbeat
                if core.scheduler.needsHello(ping.worker) { echo.known = false }
                return (message: Message.pong(echo), peer: ping.peer)
            }
        }
        guard !intake.events.isEmpty else {
            self.post(pongs(core))
            return (SweepSummary?.none, core.scheduler.alarmDeadline)
        }
        let replies = intake.replies
        let outcome = try core.handle(batch: intake.events) { outcome in
            self.post(Self.acknowledgements(of: outcome, answering: replies))
        }
        var leases = pongs(core)
        for case .lease(let taskID, let worker, let lease, let attempt) in outcome.replies.joined() + outcome.actions {
            let resume = try core.resumePoint(for: taskID)
            let stored = resume.checkpoint != nil || !resume.journal.isEmpty ? resume : nil
            guard let message = self.taskMessage(taskID, lease: lease, attempt: attempt, resume: stored) else { continue }
            self.logger.debug("lease", metadata: ["task": "\(taskID)", "worker": "\(worker)", "attempt": "\(attempt)"])
            leases.append((message, PeerID(worker.rawValue)))
        }
        self.post(leases)
        var finished: SweepSummary?
        for case .sweepFinished(let summary) in outcome.actions {
            // The end of the sweep is told only once everything before it is committed.
            try core.writer.waitUntilCommitted()
            finished = summary
            self.state.finished = summary
        }
        return (finished, core.scheduler.alarmDeadline)
    }

    /// What a batch's actions send once its changes are committed: ACKs, cancels, drains and
    /// requests to say HELLO again, in the order of the events that asked for them.
    private static func acknowledgements(
        of outcome: SchedulerBatch, answering replies: [(peer: PeerID, msgID: UInt64)?]
    ) -> [(message: Message, peer: PeerID)] {
        var outgoing: [(message: Message, peer: PeerID)] = []
        for (actions, reply) in zip(outcome.replies, replies) {
            outgoing.append(contentsOf: actions.compactMap { directMessage(for: $0, reply: reply) })
        }
        outgoing.append(contentsOf: outcome.actions.compactMap { directMessage(for: $0, reply: nil) })
        return outgoing
    }

    /// Hands `messages` to the I/O thread without waiting; a failed send is logged.
    private func post(_ messages: [(message: Message, peer: PeerID)]) {
        guard !messages.isEmpty else { return }
        let logger = logger
        router.post(messages) { peer, type, error in
            logger.warning("send failed", metadata: ["peer": "\(peer)", "type": "\(type.rawValue)", "error": "\(error)"])
        }
    }

    /// Serves a request that needs more than the core: status, data, step records, rate.
    private func serve(_ message: Message, from peer: PeerID, now: Date) async {
        do {
            switch message {
            case .status:
                await send(.statusReply(StatusReply(report: try await statusReportJSON())), to: peer)
            case .dataRequest(let request):
                await serve(request, to: peer)
            case .stepsRequest(let request):
                await serve(request, to: peer)
            case .rateRequest(let request):
                try await receiveRate(request, from: WorkerID(peer.description), now: now)
            default:
                break
            }
        } catch {
            logger.warning(
                "request not answered", metadata: ["peer": "\(peer)", "type": "\(message.type.rawValue)", "error": "\(error)"])
        }
    }
}

extension CoordinatorService {
    /// The message an ACK, CANCEL, DRAIN or introduce action sends and its peer; nil for the
    /// actions that need more (a lease, its resume point) or send nothing.
    private static func directMessage(
        for action: SchedulerAction, reply: (peer: PeerID, msgID: UInt64)?
    ) -> (message: Message, peer: PeerID)? {
        switch action {
        case .ack:
            reply.map { (.ack(Ack(msgID: $0.msgID)), $0.peer) }
        case .cancel(let taskID, let worker, let lease):
            (.cancel(Cancel(taskID: taskID, leaseID: lease.rawValue, reason: "cancelled by the coordinator")), PeerID(worker.rawValue))
        case .drain(let worker):
            (.drain, PeerID(worker.rawValue))
        case .introduce(let worker):
            // PONG `known: false`: the worker says HELLO again.
            (.pong(Heartbeat(sentAt: Date().timeIntervalSince1970, known: false)), PeerID(worker.rawValue))
        case .lease, .sweepFinished, .markSuspect, .budgetExhausted, .persist:
            nil
        }
    }
}
