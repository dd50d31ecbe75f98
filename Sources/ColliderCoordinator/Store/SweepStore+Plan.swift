import ColliderCore
import Foundation
import GRDB

/// The plan's tasks: writing a (re-)expanded plan and loading the scheduler's state back.
extension SweepStore {
    /// Writes the tasks of a freshly expanded plan. New ids start pending; ids already stored
    /// keep their state, attempts and results (a task id is the hash of everything that
    /// determines its work, so an unchanged id means unchanged work). Stored tasks missing from
    /// the plan are kept but left out of `loadSnapshot`. Only rows that differ from the stored
    /// plan are written, so a restart with an unchanged plan writes nothing.
    public func upsertPlan(_ tasks: [SweepTask], estimatedUSD: [String: Double] = [:], now: Date) throws(StoreError) {
        let rows: [(SweepTask, String)]
        do {
            let encoder = JSONEncoder()
            rows = try tasks.map { ($0, String(decoding: try encoder.encode($0.dependsOn), as: UTF8.self)) }
        } catch {
            throw StoreError(.write, "encode the plan's dependencies", path: path, underlying: error)
        }
        try write("upsert \(tasks.count) planned tasks") { db in
            var stored: [String: PlannedRow] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, position, in_plan, depends_on, estimated_usd FROM tasks")
            while let row = try cursor.next() {
                stored[row["id"]] = PlannedRow(
                    position: row["position"], inPlan: row["in_plan"], dependsOn: row["depends_on"],
                    estimatedUSD: row["estimated_usd"])
            }
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO tasks (id, position, in_plan, kind, backbone, mode, gate, seed, criterion,
                        depends_on, estimated_usd, state, attempt, updated)
                    VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
                    ON CONFLICT(id) DO UPDATE SET position = excluded.position, in_plan = 1,
                        depends_on = excluded.depends_on, estimated_usd = excluded.estimated_usd
                    """)
            var planned = Set<String>()
            for (position, (task, dependsOn)) in rows.enumerated() {
                planned.insert(task.id)
                let row = PlannedRow(
                    position: position, inPlan: true, dependsOn: dependsOn, estimatedUSD: estimatedUSD[task.id] ?? 0)
                guard stored[task.id] != row else { continue }
                try upsert.execute(arguments: [
                    task.id, position, task.kind.rawValue, task.backbone, task.mode?.rawValue, task.gate.rawValue,
                    task.seed, task.criterion, dependsOn, row.estimatedUSD, now.timeIntervalSinceReferenceDate,
                ])
            }
            let leave = try db.cachedStatement(sql: "UPDATE tasks SET in_plan = 0 WHERE id = ?")
            for (id, row) in stored where row.inPlan && !planned.contains(id) { try leave.execute(arguments: [id]) }
        }
    }

    /// The scheduler's state as committed: the plan's tasks in order, every lease ever issued,
    /// and the dollars spent.
    public func loadSnapshot() throws(StoreError) -> SchedulerSnapshot {
        let path = path
        return try read("load the scheduler state") { db in
            let decoder = JSONDecoder()
            let tasks = try Row.fetchAll(db, sql: "SELECT * FROM tasks WHERE in_plan = 1 ORDER BY position").map {
                try TaskRecord(row: $0, path: path, decoder: decoder)
            }
            var leaseTasks: [LeaseID: String] = [:]
            let leases = try Row.fetchCursor(db, sql: "SELECT id, task_id FROM leases")
            while let row = try leases.next() { leaseTasks[LeaseID(row["id"] as String)] = row["task_id"] }
            return SchedulerSnapshot(
                tasks: tasks, leaseTasks: leaseTasks,
                spentUSD: try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(dollars), 0) FROM usage") ?? 0,
                leaseCount: leaseTasks.count)
        }
    }
}

/// The columns of a task row that a plan sets.
private struct PlannedRow: Equatable {
    var position: Int
    var inPlan: Bool
    var dependsOn: String
    var estimatedUSD: Double
}

extension TaskRecord {
    /// The mutable columns, in the order `SweepStore.apply` writes them.
    var stateArguments: [StoreArgument] {
        var failureClass: String?
        var reason: String?
        switch status {
        case .failed(let failure, let why):
            failureClass = failure.rawValue
            reason = why
        case .blocked(let dependency):
            reason = dependency
        case .pending, .leased, .done, .unknown:
            break
        }
        return [
            .text(status.name), .integer(attempt), .integer(lostLeases), .text(failureClass), .text(reason),
            .text(lease?.rawValue), .text(worker?.rawValue), .real(nextEligibleAt?.timeIntervalSinceReferenceDate),
        ]
    }

    init(row: Row, path: String, decoder: JSONDecoder) throws {
        let id: String = row["id"]
        func corrupt(_ what: String) -> StoreError { StoreError(.corrupt, "read task \(id): \(what)", path: path) }
        guard let kind = TaskKind(rawValue: row["kind"]), let gate = Gate(rawValue: row["gate"]) else {
            throw corrupt("unknown kind or gate")
        }
        let modeName: String? = row["mode"]
        let mode = try modeName.map { name in
            guard let mode = Mode(rawValue: name) else { throw corrupt("unknown mode \(name)") }
            return mode
        }
        let dependsOnJSON: String = row["depends_on"]
        let dependsOn = dependsOnJSON == "[]" ? [] : try decoder.decode([String].self, from: Data(dependsOnJSON.utf8))
        let task = SweepTask(
            id: id, kind: kind, backbone: row["backbone"], mode: mode, gate: gate, seed: row["seed"],
            criterion: row["criterion"], dependsOn: dependsOn)
        let reason: String? = row["failure_reason"]
        let status: TaskStatus
        switch row["state"] as String {
        case "pending": status = .pending
        case "leased": status = .leased
        case "done": status = .done
        case "unknown": status = .unknown
        case "blocked": status = .blocked(dependency: reason ?? "")
        case "failed":
            guard let failure = FailureClass(rawValue: row["failure_class"] ?? "") else { throw corrupt("no failure class") }
            status = .failed(failure, reason: reason ?? "")
        case let other: throw corrupt("unknown state \(other)")
        }
        let leaseID: String? = row["lease_id"]
        let worker: String? = row["worker"]
        let eligible: Double? = row["next_eligible_at"]
        self.init(
            task: task, status: status, attempt: row["attempt"], lostLeases: row["lost_leases"], lease: leaseID.map(LeaseID.init(rawValue:)),
            worker: worker.map(WorkerID.init(rawValue:)),
            nextEligibleAt: eligible.map(Date.init(timeIntervalSinceReferenceDate:)), estimatedUSD: row["estimated_usd"])
    }
}
