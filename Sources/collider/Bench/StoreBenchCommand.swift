import ArgumentParser
import ColliderCoordinator
import ColliderCore
import ColliderRunner
import Foundation

/// `collider bench store`: what the coordinator's store writer spends per task. A scheduler
/// (`SchedulerState`) runs a sweep against simulated workers — each task leased against a CREDIT
/// and answered with a RESULT, as in `bench dispatch` — and the state changes it asks to persist
/// are committed by `SweepStore.apply`, `--batch-tasks` tasks per transaction. The figures are the
/// committing thread's CPU time and the clock per task; the scheduler's own work is not counted.
///
/// Under load the writer shares the coordinator's cores with the dispatch path: this is its share
/// per task, and what the writer's commit windows (`StoreWriter`) act on.
struct StoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "CPU microseconds the store writer spends per dispatched task.")

    @Option(help: "Tasks in the plan (rounded up to the grid: 32 per seed).")
    var tasks: Int = 10_000

    @Option(help: "Simulated workers, one slot each.")
    var workers: Int = 1000

    @Option(help: "Tasks whose changes commit together, comma-separated for several runs.")
    var batchTasks: String = "1,4,20,100"

    @OptionGroup var output: BenchOutputOptions

    /// One run's figures.
    struct Run: Encodable {
        var batchTasks: Int
        var transactions: Int
        var changesPerTask: Double
        var cpuMicrosecondsPerTask: Double
        var wallMicrosecondsPerTask: Double
        var storeMegabytes: Double

        enum CodingKeys: String, CodingKey {
            case transactions
            case batchTasks = "batch_tasks"
            case changesPerTask = "changes_per_task"
            case cpuMicrosecondsPerTask = "cpu_us_per_task"
            case wallMicrosecondsPerTask = "wall_us_per_task"
            case storeMegabytes = "store_mb"
        }
    }

    /// What `--json` prints.
    struct Report: Encodable {
        var tasks: Int
        var workers: Int
        var runs: [Run]
    }

    func validate() throws {
        guard tasks > 0, workers > 0, !batches.isEmpty, batches.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--tasks and --workers must be positive; --batch-tasks a list of positive counts, e.g. 1,4,20.")
        }
    }

    private var batches: [Int] { batchTasks.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let sweep = try BenchSweep(tasks: tasks, name: "store")
        defer { sweep.remove() }
        let config = try loadConfig(sweep.config.path, purpose: .sendsRequests).config
        let plan = try SweepContext(config: config).tasks
        let rounds = Self.sweepChanges(plan, workers: workers)
        var runs: [Run] = []
        for (index, batch) in batches.enumerated() {
            let url = sweep.results.appending(path: "run-\(index)").appending(path: "collider.sqlite")
            runs.append(try Self.measure(rounds, tasks: plan, batchTasks: batch, at: url))
        }
        let report = Report(tasks: plan.count, workers: workers, runs: runs)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            for run in runs {
                print(
                    """
                    \(run.batchTasks) tasks per transaction: \(String(format: "%.1f", run.cpuMicrosecondsPerTask)) µs CPU \
                    and \(String(format: "%.1f", run.wallMicrosecondsPerTask)) µs per task \
                    (\(String(format: "%.1f", run.changesPerTask)) changes per task)
                    """)
            }
        }
    }

    /// The changes a sweep of `tasks` persists, in the scheduler's order, one list per round: each
    /// worker's first lease, then for every RESULT the result's changes and those of the lease
    /// its CREDIT buys. Every worker holds one task at a time, as in `bench dispatch`.
    static func sweepChanges(_ tasks: [SweepTask], workers: Int) -> [[StoreChange]] {
        var state = SchedulerState(tasks: tasks)
        let start = Date(timeIntervalSinceReferenceDate: 817_000_000)
        let ids = (0..<workers).map { WorkerID("bench-w\($0)") }
        for id in ids {
            _ = state.handle(.workerHello(id, incarnation: "1", slots: 1, heldLeases: [], now: start))
        }
        var rounds: [[StoreChange]] = []
        var held: [(WorkerID, LeaseID)] = []
        var step = 0
        func now() -> Date {
            step += 1
            return start.addingTimeInterval(Double(step) * 0.000_2)
        }
        for id in ids {
            for action in state.handle(.credit(id, count: 1, now: now())) {
                switch action {
                case .persist(let changes): rounds.append(changes)
                case .lease(_, let worker, let lease, _): held.append((worker, lease))
                default: break
                }
            }
        }
        var next = 0
        while next < held.count {
            let (worker, lease) = held[next]
            next += 1
            var changes: [StoreChange] = []
            let report = ResultReport(payload: Data(#"{"bench":true}"#.utf8))
            for event in [SchedulerEvent.result(worker, lease, report, now: now()), .credit(worker, count: 1, now: now())] {
                for action in state.handle(event) {
                    switch action {
                    case .persist(let persisted): changes += persisted
                    case .lease(_, let worker, let lease, _): held.append((worker, lease))
                    default: break
                    }
                }
            }
            rounds.append(changes)
        }
        return rounds
    }

    /// Commits `rounds`, `batchTasks` of them per transaction, into a fresh store at `url`, timing
    /// only the commits.
    private static func measure(_ rounds: [[StoreChange]], tasks: [SweepTask], batchTasks: Int, at url: URL) throws -> Run {
        let now = Date()
        let store = try SweepStore(at: url, sweepName: "store", configJSON: "{}", now: now)
        try store.upsertPlan(tasks, now: now)
        let transactions = stride(from: 0, to: rounds.count, by: batchTasks).map { start in
            Array(rounds[start..<min(start + batchTasks, rounds.count)].joined())
        }
        let cpuBefore = ThreadCPU.nanoseconds()
        let wallBefore = BenchClock.now()
        for changes in transactions { try store.apply(changes) }
        let cpu = Double(ThreadCPU.nanoseconds() - cpuBefore) / 1000
        let wall = BenchClock.milliseconds(from: wallBefore, to: BenchClock.now()) * 1000
        let changes = transactions.reduce(0) { $0 + $1.count }
        let taskCount = Double(tasks.count)
        return Run(
            batchTasks: batchTasks, transactions: transactions.count, changesPerTask: Double(changes) / taskCount,
            cpuMicrosecondsPerTask: cpu / taskCount, wallMicrosecondsPerTask: wall / taskCount,
            storeMegabytes: RestartStore.megabytes(ofStoreAt: url))
    }
}

/// The calling thread's CPU time, user and system.
enum ThreadCPU {
    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
