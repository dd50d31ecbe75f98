import ColliderCoordinator
import ColliderCore
import ColliderRunner
import Foundation

/// Fills a sweep's store as a long sweep killed midway would have left it, through the store's
/// own write path (`SweepStore.apply`): half of the tasks done (lease, result, checkpoints), a
/// few leased when the coordinator died, and `events` rows each of the event log, the call journal
/// and usage.
enum RestartStore {
    /// What was written.
    struct Contents: Encodable {
        var tasks: Int
        var done: Int
        var leasedAtCrash: Int
        var events: Int
        var journal: Int
        var usage: Int
        var storeMegabytes: Double

        enum CodingKeys: String, CodingKey {
            case tasks, done, events, journal, usage
            case leasedAtCrash = "leased_at_crash"
            case storeMegabytes = "store_mb"
        }
    }

    /// Rows per transaction while filling.
    private static let batch = 5000

    static func fill(_ sweep: BenchSweep, events: Int) throws -> Contents {
        let config = try loadConfig(sweep.config.path, purpose: .sendsRequests).config
        let tasks = try SweepContext(config: config).tasks
        let url = sweep.results.appending(path: "collider.sqlite")
        let now = Date()
        let store = try SweepStore(at: url, sweepName: config.name, configJSON: "{}", now: now)
        try store.upsertPlan(tasks, now: now)
        let done = tasks.count / 2
        let leased = min(32, tasks.count - done)
        let worker = WorkerID("bench-worker")
        var changes: [StoreChange] = []
        func flush(force: Bool = false) throws {
            guard force || changes.count >= batch else { return }
            try store.apply(changes)
            changes.removeAll(keepingCapacity: true)
        }
        let blob = Data(String(repeating: "x", count: 400).utf8)
        for (index, task) in tasks.prefix(done + leased).enumerated() {
            let lease = LeaseID("L\(index)-\(task.id.prefix(12))")
            changes.append(.leaseOpened(Lease(id: lease, taskID: task.id, worker: worker, attempt: 0, grantedAt: now)))
            if index < done {
                changes.append(.checkpoint(taskID: task.id, Checkpoint(step: 2, blob: blob)))
                changes.append(
                    .result(
                        StoredResult(taskID: task.id, lease: lease, worker: worker, payload: blob, costUSD: 0.01, at: now)))
                changes.append(.leaseClosed(lease, outcome: "result", at: now))
                changes.append(.task(TaskRecord(task: task, status: .done, lease: lease, worker: worker), at: now))
            } else {
                changes.append(.task(TaskRecord(task: task, status: .leased, lease: lease, worker: worker), at: now))
            }
            try flush()
        }
        let owners = tasks.prefix(done + leased).map(\.id)
        for row in 0..<events {
            let taskID = owners[row % owners.count]
            changes.append(.event(SweepEvent(kind: "progress", taskID: taskID, worker: worker, detail: "step \(row % 3)", at: now)))
            changes.append(.journal(taskID: taskID, JournalEntry(callKey: "bench-call-\(row)", entry: blob)))
            changes.append(
                .usage(
                    taskID: taskID, UsageRecord(role: "task", endpoint: "sim", calls: 1, tokens: 300, dollars: 0.0001),
                    at: now))
            try flush()
        }
        try flush(force: true)
        return Contents(
            tasks: tasks.count, done: done, leasedAtCrash: leased, events: events, journal: events, usage: events,
            storeMegabytes: megabytes(ofStoreAt: url))
    }

    /// The store's size on disk: the database file and its WAL.
    static func megabytes(ofStoreAt url: URL) -> Double {
        let bytes = [url.path, url.path + "-wal"].reduce(0) { sum, path in
            sum + (((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0)
        }
        return Double(bytes) / 1_048_576
    }
}
