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
    /// Optimization steps of a run task, for the progress of running ones.
    let runSteps: Int
    let logger: Logger
    let state = ShellState()
    /// The data set, for workers that fetch it (CoordinatorService+Data.swift).
    let dataset: DatasetShipment
    let refresher: ReportRefresher?
    /// The results folder: the store, and the record files workers send with their results.
    let results: URL

    /// Opens (or creates) `results/collider.sqlite`, writes the plan of `sweep` into it (tasks
    /// done before keep their results) and binds `bind`; with `curve`, as a CURVE server that
    /// admits only the allow-listed worker keys. With `reportInterval`, the folder's report is
    /// rebuilt at most that often while tasks end, and once when the sweep ends.
    public init(
        sweep: SweepContext, results: URL, bind: String, policy: SchedulerPolicy, curve: CurveServerSettings? = nil,
        logger: Logger, reportInterval: Duration? = .seconds(10)
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        configJSON = try encoder.encode(sweep.config)
        dataset = DatasetShipment(sweep)
        self.results = results
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
        runSteps = sweep.config.pipeline.steps
        self.logger = logger
        refresher = reportInterval.map {
            ReportRefresher(directory: results, fallback: sweep.config, interval: $0, logger: logger)
        }
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
            if let refresher = self.refresher {
                group.addTask {
                    await refresher.run()
                    return nil
                }
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
        await refresher?.rebuild()
        return summary
    }

    /// Stops leasing; in-flight leases finish, then `run()` returns.
    public func drain() async throws {
        _ = try await handle(.drain(now: Date()), replyingTo: nil)
    }

    /// Feeds `event` to the core and sends the resulting actions; an ACK answers `reply`.
    func handle(_ event: SchedulerEvent, replyingTo reply: (peer: PeerID, msgID: UInt64)?) async throws -> SweepSummary? {
        let actions = try await core.with { core in try core.handle(event) }
        switch event {
        case .result, .fail: refresher?.taskEnded()
        default: break
        }
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
            case .introduce(let worker):
                await send(.pong(Heartbeat(sentAt: Date().timeIntervalSince1970, known: false)), to: PeerID(worker.rawValue))
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
