import ColliderCoordinator
import ColliderCore
import ColliderRunner
import ColliderTransport
import Foundation
import Logging

/// The coordinator process's shell around `CoordinatorCore`: a ROUTER socket, a 250 ms tick, and
/// the mapping of wire messages to scheduler events and of scheduler actions to wire messages.
/// Every state change is committed by the core before anything is sent.
public final class CoordinatorService: Sendable {
    /// The bound ROUTER address (a `*` port resolved).
    public var address: String { router.address }

    let router: RouterEndpoint
    let core: CoreQueue
    let tasks: [String: SweepTask]
    let configJSON: Data
    let leaseTTL: Double
    let logger: Logger
    let state = ShellState()
    /// The data set, for workers that fetch it (CoordinatorService+Data.swift).
    let dataset: DatasetShipment

    /// Opens (or creates) `results/collider.sqlite`, writes the plan of `sweep` into it (tasks
    /// done before keep their results) and binds `bind`; with `curve`, as a CURVE server that
    /// admits only the allow-listed worker keys.
    public init(
        sweep: SweepContext, results: URL, bind: String, policy: SchedulerPolicy, curve: CurveServerSettings? = nil,
        logger: Logger
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        configJSON = try encoder.encode(sweep.config)
        dataset = DatasetShipment(sweep)
        let now = Date()
        let store = try SweepStore(
            at: results.appending(path: "collider.sqlite"), sweepName: sweep.config.name,
            configJSON: String(decoding: configJSON, as: UTF8.self), now: now)
        var policy = policy
        policy.maxUSD = policy.maxUSD ?? sweep.config.budget.maxUSD
        core = CoreQueue(
            try CoordinatorCore(
                store: store, tasks: sweep.tasks, policy: policy, budget: FleetBudget(config: sweep.config),
                logger: logger, now: now))
        tasks = sweep.tasksByID
        leaseTTL = policy.leaseTimeout
        self.logger = logger
        router = try await RouterEndpoint(RouterEndpoint.Configuration(bindAddress: bind, curve: curve), logger: logger)
    }

    /// Serves until the sweep finishes (every task terminal, or a drain or the dollar ceiling
    /// stopped it with nothing in flight); tells the workers to drain, closes the socket and
    /// returns the summary.
    public func run() async throws -> SweepSummary {
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask {
                for await (peer, envelope) in self.router.incoming {
                    if let summary = try await self.receive(envelope, from: peer) { return summary }
                }
                return nil
            }
            group.addTask {
                while !Task.isCancelled {
                    if let summary = try await self.handle(.tick(now: Date()), replyingTo: nil) ?? self.state.finished {
                        return summary
                    }
                    try await Task.sleep(for: .milliseconds(250))
                }
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let summary = next { return summary }
            }
            throw CancellationError()
        }
        for peer in state.peers { _ = try? await router.send(.drain, to: peer) }
        // Closing drops what is still queued after the linger; a moment lets the DRAINs leave.
        try? await Task.sleep(for: .milliseconds(200))
        await router.close()
        return summary
    }

    /// Stops leasing; in-flight leases finish, then `run()` returns.
    public func drain() async throws {
        _ = try await handle(.drain(now: Date()), replyingTo: nil)
    }

    /// Task counts by state and what the sweep has spent so far.
    public func status() async throws -> SweepStatus {
        try await core.with { core in
            let totals = try core.store.totals()
            return SweepStatus(
                counts: try core.store.countsByState(), calls: totals.calls, dollars: totals.dollars)
        }
    }

    /// Feeds `event` to the core and sends the resulting actions; an ACK answers `reply`.
    func handle(_ event: SchedulerEvent, replyingTo reply: (peer: PeerID, msgID: UInt64)?) async throws -> SweepSummary? {
        let actions = try await core.with { core in try core.handle(event) }
        var finished: SweepSummary?
        for action in actions {
            switch action {
            case .lease(let taskID, let worker, let lease, let attempt):
                try await sendLease(taskID: taskID, to: worker, lease: lease, attempt: attempt)
            case .ack:
                if let reply { await send(.ack(Ack(msgID: reply.msgID)), to: reply.peer) }
            case .cancel(let taskID, let worker, _):
                await send(.cancel(Cancel(taskID: taskID, reason: "cancelled by the coordinator")), to: PeerID(worker.rawValue))
            case .drain(let worker):
                await send(.drain, to: PeerID(worker.rawValue))
            case .sweepFinished(let summary):
                finished = summary
                state.finished = summary
            case .markSuspect, .budgetExhausted, .persist:
                break
            }
        }
        return finished
    }

    private func sendLease(taskID: String, to worker: WorkerID, lease: LeaseID, attempt: Int) async throws {
        guard let task = tasks[taskID] else { return }
        let resume = try await core.with { core in try core.resumePoint(for: taskID) }
        let message = TaskLease(
            task: task, leaseID: lease.rawValue, leaseTTLSeconds: leaseTTL, attempt: attempt,
            checkpoint: resume.checkpoint?.blob, journal: resume.journal.map(\.entry), config: configJSON,
            datasetFingerprint: dataset.fingerprint)
        logger.debug("lease", metadata: ["task": "\(taskID)", "worker": "\(worker)", "attempt": "\(attempt)"])
        await send(.task(message), to: PeerID(worker.rawValue))
    }

    func send(_ message: Message, to peer: PeerID) async {
        do {
            _ = try await router.send(message, to: peer)
        } catch {
            logger.warning("send failed", metadata: ["peer": "\(peer)", "type": "\(message.type.rawValue)", "error": "\(error)"])
        }
    }
}

/// What `collider sweep` shows while a sweep runs.
public struct SweepStatus: Sendable, Equatable {
    /// Tasks by state (`pending`, `leased`, `done`, `failed`, …).
    public var counts: [String: Int]
    /// Calls and dollars stored so far.
    public var calls: Int
    public var dollars: Double
}
