import ColliderCore
import ColliderLLM
import ColliderRunner
import ColliderTransport
import Foundation
import Logging

/// A worker (architecture.md, "Coordinator ↔ worker protocol"): a DEALER with a stable routing
/// id that announces itself and its held leases in HELLO, asks for work with CREDIT, runs each
/// TASK through `TaskExecutor` with the lease's checkpoint and journal, streams PROGRESS, and
/// keeps RESULT / FAIL on local disk and resends it until the coordinator ACKs it.
///
/// Heartbeats come from their own task, which only sends (the transport has its own I/O thread),
/// so no pipeline work can hold them up.
public actor Worker {
    /// One lease in progress.
    struct Running {
        /// Identifies the execution, whichever lease it holds.
        var token: UUID
        var leaseID: String
        /// How long the coordinator keeps the lease without hearing from this worker (the
        /// lease's TTL): past that much silence from the coordinator, it has been given up. Nil
        /// when the TASK named no positive TTL: such a lease is never abandoned.
        var lapsesAfter: Duration?
        var handle: Task<Void, Never>
        var step: Int
        /// The stage and call count last reported; a renewal repeats them, so that it renews the
        /// lease without looking like progress to the coordinator's stall detection.
        var stage = "starting"
        var calls = 0
        var lastReport: ContinuousClock.Instant
    }

    let options: WorkerOptions
    let logger: Logger
    let incarnation = UInt64.random(in: 1...UInt64.max)
    var endpoint: DealerEndpoint?
    var running: [String: Running] = [:]
    /// RESULT / FAIL messages not yet ACKed, by lease id, and the lease id of each sent copy.
    var unacked: [String: Message] = [:]
    var sentCopies: [UInt64: String] = [:]
    var draining = false
    /// Set by `leave()`.
    var leaving = false
    var lastHeard = ContinuousClock.now
    var heartbeats = 0
    /// When this worker last said HELLO.
    var introducedAt = ContinuousClock.now
    /// Set by `stop()` and after BYE: nothing more is sent.
    var stopped = false
    let outbox: Outbox
    /// Takes this worker's share of each endpoint's fleet rate budget.
    let rate: FleetRateAgent
    var executors: [Data: Task<ExecutorEntry, any Error>] = [:]
    /// Set when the coordinator refused this worker's CURVE key; `run()` throws it.
    var refusal: WorkerKeyRefused?
    /// Requests to the coordinator waiting for their reply (Worker+Data.swift).
    let replies = PendingReplies()

    /// A worker with `options`; nothing happens until `run()`.
    public init(options: WorkerOptions, logger: Logger) {
        self.options = options
        self.logger = logger
        rate = FleetRateAgent(logger: logger)
        outbox = Outbox(
            directory: (options.results ?? URL(fileURLWithPath: "results")).appending(path: ".outbox")
                .appending(path: options.workerID))
    }

    /// Connects and works until drained (DRAIN, then every lease finished and acknowledged) or
    /// until `stop()`. Throws `WorkerKeyRefused` when the coordinator refuses this worker's CURVE key.
    public func run() async throws {
        let endpoint = try await DealerEndpoint(
            DealerEndpoint.Configuration(
                connectAddress: options.connect, routingID: options.workerID, curve: options.curve,
                reconnectIntervalMilliseconds: 1_000, reconnectIntervalMaxMilliseconds: 32_000),
            logger: logger)
        self.endpoint = endpoint
        if stopped { await endpoint.close() }
        // Silence counts from now, not from when this worker was made.
        lastHeard = .now
        unacked = outbox.load()
        await introduce()
        let handshakes = Task { [weak self] in await self?.watchHandshakes(endpoint.events) }
        defer { handshakes.cancel() }
        let interval = options.heartbeat
        let heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.beat()
            }
        }
        let rateTicks = Task { [weak self] in await self?.runRateTicks() }
        for await envelope in endpoint.incoming {
            await handle(envelope)
        }
        heartbeat.cancel()
        rateTicks.cancel()
        stopped = true
        for lease in running.values { lease.handle.cancel() }
        for entry in executors.values { await (try? entry.value)?.llm.shutdown() }
        if let refusal { throw refusal }
    }

    /// Stops at once, as a crash would: running tasks are cancelled, nothing more is sent.
    public func stop() async {
        stopped = true
        for lease in running.values { lease.handle.cancel() }
        await endpoint?.close()
    }

    /// HELLO with the leases held, then CREDIT for the free slots.
    func introduce() async {
        let held = running.map { HeldLease(taskID: $0.key, leaseID: $0.value.leaseID, lastStep: $0.value.step) }
        introducedAt = .now
        await send(.hello(Hello(workerID: options.workerID, incarnation: incarnation, slots: options.slots, heldLeases: held)))
        let free = options.slots - running.count
        if free > 0 && !draining { await send(.credit(Credit(n: free))) }
        for message in unacked.values { await sendTracked(message) }
    }

    func handle(_ envelope: Envelope) async {
        lastHeard = .now
        switch envelope.message {
        case .task(let lease):
            start(lease)
        case .ack(let ack):
            if let leaseID = sentCopies.removeValue(forKey: ack.msgID) {
                unacked.removeValue(forKey: leaseID)
                outbox.remove(leaseID: leaseID)
                sentCopies = sentCopies.filter { $0.value != leaseID }
                await finishIfDrained()
            }
        case .cancel(let cancel):
            // A cancel of an older lease (its PROGRESS arrived after the task was re-leased here)
            // must not stop the execution that now runs under the new one.
            if let lease = running[cancel.taskID], cancel.leaseID == nil || cancel.leaseID == lease.leaseID {
                running.removeValue(forKey: cancel.taskID)
                logger.notice("task cancelled", metadata: ["task": "\(cancel.taskID)", "reason": "\(cancel.reason)"])
                lease.handle.cancel()
                if !draining { await send(.credit(Credit(n: 1))) }
                await finishIfDrained()
            }
        case .drain:
            draining = true
            await finishIfDrained()
        case .data, .steps:
            replies.deliver(envelope.message)
        case .rateGrant, .ratePause:
            await handleRate(envelope.message)
        case .pong(let heartbeat) where heartbeat.known == false:
            await introduceAgain()
        case .hello, .credit, .progress, .result, .fail, .ping, .pong, .rateRequest, .bye, .dataRequest, .stepsRequest,
            .status, .statusReply:
            break
        }
    }

    /// Every heartbeat: PING; leases lapsed in the coordinator's silence stopped; PROGRESS (a
    /// renewal) for leases silent for 2 s; every fifth beat, unacknowledged results again; HELLO
    /// again when the coordinator has been silent too long.
    func beat() async {
        heartbeats += 1
        abandonLapsedLeases()
        await send(.ping(Heartbeat(sentAt: Date().timeIntervalSince1970)))
        for (taskID, lease) in running where ContinuousClock.now - lease.lastReport >= .seconds(2) {
            running[taskID]?.lastReport = .now
            await send(
                .progress(
                    TaskProgress(
                        leaseID: lease.leaseID, taskID: taskID, stage: lease.stage, step: lease.step,
                        calls: lease.calls, tokens: 0, dollars: 0)))
        }
        // Once per silence window, without touching `lastHeard`: the silence stays measured from
        // the coordinator's last word, which `abandonLapsedLeases` compares with each lease's TTL.
        let now = ContinuousClock.now
        if now - lastHeard > options.coordinatorSilence, now - introducedAt > options.coordinatorSilence {
            await introduce()
        } else if heartbeats % 5 == 0 {
            for message in unacked.values { await sendTracked(message) }
        }
    }

    /// Stops the executions whose lease outlived the coordinator's silence (a cut link, a
    /// coordinator down): the coordinator has given such a lease up and leased the task again, so
    /// every further call would be bought twice. What was reported stays in the coordinator's
    /// journal; the HELLO that follows the silence re-announces only the leases still held.
    func abandonLapsedLeases() {
        let silence = ContinuousClock.now - lastHeard
        for (taskID, lease) in running {
            guard let ttl = lease.lapsesAfter, silence > ttl else { continue }
            logger.warning(
                "no word from the coordinator for longer than the lease's TTL; stopping the task",
                metadata: ["task": "\(taskID)", "lease": "\(lease.leaseID)", "ttl": "\(ttl)"])
            running.removeValue(forKey: taskID)
            lease.handle.cancel()
        }
    }

    /// Sends BYE and closes when draining and nothing is left in flight.
    func finishIfDrained() async {
        guard draining, running.isEmpty, unacked.isEmpty else { return }
        await send(.bye(Bye(reason: "drained")))
        stopped = true
        await endpoint?.close()
    }

    func send(_ message: Message) async {
        guard !stopped else { return }
        do {
            _ = try await endpoint?.send(message)
        } catch {
            logger.warning("send failed", metadata: ["type": "\(message.type.rawValue)", "error": "\(error)"])
        }
    }

    /// Sends a RESULT or FAIL and remembers which lease the copy belongs to, for its ACK.
    func sendTracked(_ message: Message) async {
        let leaseID: String
        switch message {
        case .result(let result): leaseID = result.leaseID
        case .fail(let failure): leaseID = failure.leaseID
        default: return
        }
        guard !stopped else { return }
        do {
            if let id = try await endpoint?.send(message) { sentCopies[id] = leaseID }
        } catch {
            logger.warning("result not sent yet", metadata: ["lease": "\(leaseID)", "error": "\(error)"])
        }
    }
}
