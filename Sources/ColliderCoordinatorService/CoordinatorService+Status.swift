import ColliderCoordinator
import ColliderCore
import ColliderTransport
import Foundation

extension CoordinatorService {
    /// Each TASK so far, from reading the CREDIT it spends to handing it to ZeroMQ.
    public var dispatchLatency: LatencyHistogram { router.stats.dispatch }

    /// Task counts by state and what the sweep has spent so far.
    public func status() async throws -> SweepStatus {
        try await read { store in
            let totals = try store.totals()
            return SweepStatus(
                counts: try store.countsByState(), calls: totals.calls, tokens: totals.tokens, dollars: totals.dollars)
        }
    }

    /// A reading for the progress display: counts, totals, 429s and how far each running task is.
    /// The sums and counts are read beside the core; only the leases in flight come from it.
    public func progress(at now: Date = Date()) async throws -> ProgressSample {
        let runSteps = runSteps
        let tasks = tasks
        let (running, rateLimited) = try await core.with { core in
            let running = core.scheduler.leases.values.map { lease in
                ProgressSample.fraction(
                    lastStep: lease.step, totalSteps: tasks[lease.taskID]?.kind == .run ? runSteps : nil)
            }
            return (running, core.rateLimitedReports)
        }
        let status = try await status()
        return ProgressSample(
            at: now, counts: status.counts, calls: status.calls, tokens: status.tokens, dollars: status.dollars,
            rateLimited: rateLimited, running: running)
    }
}

/// What `collider sweep` shows while a sweep runs.
public struct SweepStatus: Sendable, Equatable {
    /// Tasks by state (`pending`, `leased`, `done`, `failed`, …).
    public var counts: [String: Int]
    /// Calls, tokens and dollars stored so far.
    public var calls: Int
    public var tokens: Int
    public var dollars: Double
}

extension CoordinatorService {
    /// The store's status with the coordinator's live view: workers connected, leases in flight,
    /// suspect leases as the scheduler sees them, and each endpoint's fleet rate-limit state. Read
    /// on the core queue, unlike `status()`: the store's counts and the scheduler's leases must be
    /// of the same moment (a metrics scrape compares them), and it is asked on demand, not every
    /// second.
    public func statusReport(at now: Date = Date()) async throws -> StatusReport {
        let endpoints = (try? JSONDecoder().decode(SweepConfig.self, from: configJSON))?.endpoints.keys.sorted() ?? []
        let tasks = tasks
        return try await core.with { core in
            var report = try core.settledStore().statusReport()
            let scheduler = core.scheduler
            report.source = .coordinator
            let label = { (id: String) in tasks[id]?.label ?? id }
            var workers = Dictionary(uniqueKeysWithValues: report.workers.map { ($0.worker, $0) })
            for id in scheduler.workers.keys where workers[id.rawValue] == nil {
                workers[id.rawValue] = StatusReport.Worker(worker: id.rawValue, counts: [:], connected: true)
            }
            for id in workers.keys { workers[id]?.connected = scheduler.workers[WorkerID(id)] != nil }
            report.workers = workers.keys.sorted().compactMap { workers[$0] }
            let leases = scheduler.leases.values.sorted { $0.taskID < $1.taskID }
            report.suspect = leases.compactMap { lease in
                lease.suspectSince.map {
                    StatusReport.Suspect(
                        task: lease.taskID, label: label(lease.taskID), worker: lease.worker.rawValue,
                        since: $0.timeIntervalSince1970)
                }
            }
            report.running = leases.map {
                StatusReport.Running(
                    task: $0.taskID, label: label($0.taskID), worker: $0.worker.rawValue, step: $0.step, stage: $0.stage,
                    calls: $0.calls, seconds: now.timeIntervalSince($0.grantedAt))
            }
            report.endpoints = endpoints.map { name in
                let until = core.budget.pausedUntil(name)
                return StatusReport.Endpoint(
                    endpoint: name, rateFactor: core.budget.rateFactor(name) ?? 1,
                    pausedUntil: until?.timeIntervalSince1970, paused: until.map { $0 > now } ?? false)
            }
            report.rateLimited = core.rateLimitedReports
            return report
        }
    }

    /// `statusReport()` as the JSON `collider status --json` prints.
    func statusReportJSON() async throws -> Data {
        try StatusReport.encoder.encode(try await statusReport())
    }
}
