import ColliderCoordinator
import ColliderCore
import ColliderRunner
import ColliderTransport
import Foundation
import Logging
import Synchronization

/// The coordinator process's shell around `CoordinatorCore`: a ROUTER socket, a tick at the
/// scheduler's next deadline (CoordinatorService+Liveness.swift), and the mapping of wire
/// messages to scheduler events and of scheduler actions to wire messages.
/// Every state change is committed before anything that acknowledges it is sent.
public final class CoordinatorService: Sendable {
    /// The bound ROUTER address (a `*` port resolved).
    public var address: String { router.address }

    let router: RouterEndpoint
    /// The core: every state change, one at a time, handed to its store writer to commit.
    let core: SerialQueue<CoordinatorCore>
    /// The store's reads for status, progress and step records, beside the core (`read(_:)`).
    let reads: SerialQueue<SweepStore>
    /// Commits the core's batches; reads wait for it.
    let writer: StoreWriter
    let tasks: [String: SweepTask]
    let configJSON: Data
    let leaseTTL: Double
    /// Optimization steps of a run task, for the progress of running ones.
    let runSteps: Int
    let logger: Logger
    let state = ShellState()
    /// Wakes the tick loop at the scheduler's next deadline.
    let alarm = TickAlarm()
    /// Messages handled so far, which a closed connection waits for.
    let handled = HandledMessages()
    /// What the core's batches ended with: the summary of the finished sweep, or the failure that
    /// stopped the core; finished without either when the router closed.
    let batchOutcome = AsyncThrowingStream<SweepSummary, any Error>.makeStream()
    /// Set with the core once the batches' outcome is told: later messages are left unread.
    let batchesStopped = Atomic<Bool>(false)
    /// Requests that wait for more than the core, handed over by the batches they came in.
    let pendingRequests = AsyncStream<([(peer: PeerID, message: Message)], Date)>.makeStream()
    /// The data set, for workers that fetch it (CoordinatorService+Data.swift).
    let dataset: DatasetShipment
    let refresher: ReportRefresher?
    /// The results folder: the store, and the record files workers send with their results.
    let results: URL
    /// How long opening the store, writing the plan, loading the state and binding took.
    public let startupTimings: StartupTimings

    /// Opens (or creates) `results/collider.sqlite`, writes the plan of `sweep` into it (tasks
    /// done before keep their results) and binds `bind`; with `curve`, as a CURVE server that
    /// admits only the allow-listed worker keys. With `reportInterval`, the folder's report is
    /// rebuilt at most that often while tasks end, and once when the sweep ends. `ratePolicy`
    /// shapes the fleet rate budget's grants.
    public init(
        sweep: SweepContext, results: URL, bind: String, policy: SchedulerPolicy, curve: CurveServerSettings? = nil,
        ratePolicy: FleetBudgetPolicy = FleetBudgetPolicy(), logger: Logger, reportInterval: Duration? = .seconds(10)
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let configJSON = try encoder.encode(sweep.config)
        self.configJSON = configJSON
        dataset = DatasetShipment(sweep)
        self.results = results
        let now = Date()
        var timings = StartupTimings()
        let store = try timings.measure("store open") { () throws(StoreError) in
            try SweepStore(
                at: results.appending(path: "collider.sqlite"), sweepName: sweep.config.name,
                configJSON: String(decoding: configJSON, as: UTF8.self), now: now)
        }
        var policy = policy
        policy.maxUSD = policy.maxUSD ?? sweep.config.budget.maxUSD
        let opened = try CoordinatorCore(
            store: store, tasks: sweep.tasks, policy: policy, budget: FleetBudget(config: sweep.config, policy: ratePolicy), logger: logger,
            now: now)
        timings.append(opened.startupTimings)
        core = SerialQueue(opened, label: "collider.coordinator.core")
        reads = SerialQueue(store, label: "collider.coordinator.reads")
        writer = opened.writer
        tasks = sweep.tasksByID
        leaseTTL = policy.leaseTimeout
        runSteps = sweep.config.pipeline.steps
        self.logger = logger
        refresher = reportInterval.map {
            ReportRefresher(directory: results, sweep: sweep, interval: $0, logger: logger)
        }
        router = try await timings.measure("bind") {
            try await RouterEndpoint(
                RouterEndpoint.Configuration(bindAddress: bind, curve: curve, deliversBatches: true), logger: logger)
        }
        startupTimings = timings
    }

    /// Runs `body` on the reads queue once every change the core handed to the store writer
    /// before the call is committed: a worker's request must see what its TASK followed.
    func read<T: Sendable>(_ body: @escaping @Sendable (SweepStore) throws -> T) async throws -> T {
        let writer = writer
        return try await reads.with { store in
            try writer.waitUntilCommitted()
            return try body(store)
        }
    }

    /// Serves until the sweep finishes (every task terminal, or a drain or the dollar ceiling
    /// stopped it with nothing in flight); tells the workers to drain, closes the socket and
    /// returns the summary.
    public func run() async throws -> SweepSummary {
        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask {
                try await self.serveBatches()
            }
            group.addTask { try await self.runTicks() }
            group.addTask {
                await self.serveRequests()
                return nil
            }
            group.addTask { try await self.watchDisconnects() }
            if let refresher = self.refresher {
                group.addTask {
                    await refresher.run()
                    return nil
                }
            }
            defer {
                group.cancelAll()
                self.alarm.stop()
            }
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
        _ = try await handle(.drain(now: Date()))
    }

    /// Feeds one event to the core as a batch of its own (CoordinatorService+Batch.swift): a
    /// tick, a closed connection, a drain. Returns the summary if the sweep finished.
    func handle(_ event: SchedulerEvent) async throws -> SweepSummary? {
        var intake = Intake()
        intake.add(event, replyingTo: nil)
        let batch = intake
        let (finished, deadline) = try await core.with { core in try self.schedule(batch, now: event.now, core: &core) }
        armAlarm(for: deadline)
        return finished
    }

    /// The TASK message of a lease, nil for a task not in the plan.
    func taskMessage(_ taskID: String, lease: LeaseID, attempt: Int, resume: ResumePoint?) -> Message? {
        guard let task = tasks[taskID] else { return nil }
        return .task(
            TaskLease(
                task: task, leaseID: lease.rawValue, leaseTTLSeconds: leaseTTL, attempt: attempt,
                checkpoint: resume?.checkpoint?.blob, journal: resume?.journal.map(\.entry) ?? [], config: configJSON,
                datasetFingerprint: dataset.fingerprint))
    }

    func send(_ message: Message, to peer: PeerID) async {
        do {
            _ = try await router.send(message, to: peer)
        } catch {
            logger.warning("send failed", metadata: ["peer": "\(peer)", "type": "\(message.type.rawValue)", "error": "\(error)"])
        }
    }
}
