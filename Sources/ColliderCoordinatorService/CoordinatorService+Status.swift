import ColliderCoordinator
import ColliderCore
import Foundation

extension CoordinatorService {
    /// Task counts by state and what the sweep has spent so far.
    public func status() async throws -> SweepStatus {
        try await core.with { core in
            let totals = try core.store.totals()
            return SweepStatus(
                counts: try core.store.countsByState(), calls: totals.calls, tokens: totals.tokens,
                dollars: totals.dollars)
        }
    }

    /// A reading for the progress display: counts, totals, 429s and how far each running task is.
    public func progress(at now: Date = Date()) async throws -> ProgressSample {
        let runSteps = runSteps
        let tasks = tasks
        return try await core.with { core in
            let totals = try core.store.totals()
            let running = core.scheduler.leases.values.map { lease in
                ProgressSample.fraction(
                    lastStep: lease.step, totalSteps: tasks[lease.taskID]?.kind == .run ? runSteps : nil)
            }
            return ProgressSample(
                at: now, counts: try core.store.countsByState(), calls: totals.calls, tokens: totals.tokens,
                dollars: totals.dollars, rateLimited: core.rateLimitedReports, running: running)
        }
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
