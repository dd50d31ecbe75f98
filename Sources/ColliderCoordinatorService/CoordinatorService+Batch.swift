import ColliderCoordinator
import ColliderCore
import ColliderLLM
import ColliderTransport
import Foundation

/// The hot path: every message waiting when the service wakes up is handled as one batch — one
/// hop onto the core queue, one SQLite transaction for all of the batch's state changes, committed
/// before any of its ACKs or TASKs is sent, then all its replies posted to the I/O thread together
/// without waiting for each to be handed to ZeroMQ.
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

    /// Serves the router's batches until the sweep finishes (its summary) or the router closes (nil).
    func serveBatches() async throws -> SweepSummary? {
        while let batch = await router.batches.next() {
            if let summary = try await receive(batch) { return summary }
            handled.add(batch.count)
        }
        return nil
    }

    /// Handles one batch of received messages.
    func receive(_ batch: [MessageBatches.Item]) async throws -> SweepSummary? {
        let now = Date()
        var intake = Intake()
        intake.events.reserveCapacity(batch.count)
        intake.replies.reserveCapacity(batch.count)
        for (peer, envelope) in batch {
            await take(envelope, from: peer, now: now, into: &intake)
        }
        state.heard(contentsOf: intake.peers)
        let finished = try await commit(intake, now: now)
        if intake.endsTasks { refresher?.taskEnded() }
        for (peer, message) in intake.requests { await serve(message, from: peer, now: now) }
        return finished
    }

    /// Maps one message into `intake`. A RESULT's record files are written here, before its
    /// result is committed.
    private func take(_ envelope: Envelope, from peer: PeerID, now: Date, into intake: inout Intake) async {
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
            await storeFiles(of: result)
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

    /// One core hop: liveness, the batch's events and one commit, the resume points of the tasks
    /// it leased, and every reply posted at once — from the core queue itself, so that the
    /// replies do not wait for the service's task to be scheduled again. Returns the summary if
    /// the sweep finished.
    private func commit(_ intake: Intake, now: Date) async throws -> SweepSummary? {
        let (finished, deadline) = try await core.with { core in
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
                return (SweepSummary?.none, core.scheduler.nextDeadline)
            }
            let outcome = try core.handle(batch: intake.events)
            var resumes: [String: ResumePoint] = [:]
            for case .lease(let taskID, _, _, _) in outcome.replies.joined() + outcome.actions {
                let resume = try core.resumePoint(for: taskID)
                if resume.checkpoint != nil || !resume.journal.isEmpty { resumes[taskID] = resume }
            }
            return (self.send(outcome, answering: intake, pongs: pongs(core), resumes: resumes), core.scheduler.nextDeadline)
        }
        armAlarm(for: deadline)
        return finished
    }

    /// Posts what a committed batch asks to send; returns the summary if the sweep finished.
    private func send(
        _ outcome: SchedulerBatch, answering intake: Intake, pongs: [(message: Message, peer: PeerID)],
        resumes: [String: ResumePoint]
    ) -> SweepSummary? {
        var outgoing = pongs
        var finished: SweepSummary?
        func send(_ action: SchedulerAction, reply: (peer: PeerID, msgID: UInt64)?) {
            if let direct = Self.directMessage(for: action, reply: reply) {
                outgoing.append(direct)
                return
            }
            switch action {
            case .lease(let taskID, let worker, let lease, let attempt):
                guard let message = taskMessage(taskID, lease: lease, attempt: attempt, resume: resumes[taskID]) else { return }
                logger.debug("lease", metadata: ["task": "\(taskID)", "worker": "\(worker)", "attempt": "\(attempt)"])
                outgoing.append((message, PeerID(worker.rawValue)))
            case .sweepFinished(let summary):
                finished = summary
                state.finished = summary
            case .ack, .cancel, .drain, .introduce, .markSuspect, .budgetExhausted, .persist:
                break
            }
        }
        for (actions, reply) in zip(outcome.replies, intake.replies) {
            for action in actions { send(action, reply: reply) }
        }
        for action in outcome.actions { send(action, reply: nil) }
        post(outgoing)
        return finished
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
    /// The message an ACK, CANCEL, DRAIN or introduce action sends and its peer, the same on the
    /// batched and the single-event path; nil for the actions that need more (a lease, its resume
    /// point) or send nothing.
    static func directMessage(
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
