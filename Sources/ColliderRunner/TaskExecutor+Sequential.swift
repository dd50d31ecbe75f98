import ColliderCore
import Foundation

/// What happened to one task of a sequential pass.
public enum SequentialResult: Sendable {
    /// Its `summary.json` already said completed; nothing was sent.
    case alreadyDone(SweepTask)
    /// It ran to completion now.
    case completed(SweepTask, TaskOutcome)
    /// It failed; later tasks that depend on it are skipped as failed too.
    case failed(SweepTask, String)
}

extension TaskExecutor {
    /// Executes `tasks` one after another in the given (dependency) order, skipping those already
    /// completed and those whose dependencies failed; reports each result to `report` as it comes.
    /// - Returns: how many tasks failed.
    public func executePending(
        _ tasks: [SweepTask], report: @Sendable (SequentialResult) -> Void
    ) async -> Int {
        var failedIDs: Set<String> = []
        for task in tasks {
            if TaskRecords.isDone(results: results, taskID: task.id) {
                report(.alreadyDone(task))
                continue
            }
            if let blocker = task.dependsOn.first(where: failedIDs.contains) {
                failedIDs.insert(task.id)
                report(.failed(task, "dependency \(blocker.prefix(12)) failed"))
                continue
            }
            do {
                report(.completed(task, try await execute(task)))
            } catch {
                failedIDs.insert(task.id)
                report(.failed(task, String(describing: error)))
            }
        }
        return failedIDs.count
    }
}
