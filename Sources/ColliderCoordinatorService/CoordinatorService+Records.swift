import ColliderRunner
import ColliderTransport
import Foundation

extension CoordinatorService {
    /// Writes the record files a worker sent with its result into this coordinator's results
    /// folder, before the result is committed, so that `runs/<task-id>/` here is complete
    /// whichever host ran the task (the report and `collider status` read it). A run resumed on
    /// another worker has only the steps that worker ran in its own `steps.jsonl`, so that file is
    /// rebuilt from the step records in the store, which hold every step. Writing is idempotent: a
    /// re-sent or duplicate result carries the same files. A failure is logged; the result still
    /// counts, and the worker's copy remains on its disk.
    func storeFiles(of result: TaskResult) async {
        guard var files = result.files, !files.isEmpty, tasks[result.taskID] != nil else { return }
        do {
            if let shipped = files["steps.jsonl"], let stored = try await storedSteps(result.taskID),
                stored.count >= shipped.split(separator: UInt8(ascii: "\n")).count
            {
                files["steps.jsonl"] = Data(stored.map { $0 + "\n" }.joined().utf8)
            }
            try TaskRecords.store(files, results: results, taskID: result.taskID)
        } catch {
            logger.warning(
                "could not write a result's record files",
                metadata: ["task": "\(result.taskID)", "error": "\(error)"])
        }
    }

    /// The lines of `steps.jsonl` as the store's step records make them, when they run 0, 1, 2, …
    /// without a gap.
    private func storedSteps(_ taskID: String) async throws -> [String]? {
        let records = try await core.with { core in try core.store.stepRecords(for: taskID) }
        guard !records.isEmpty, records.enumerated().allSatisfy({ $0.offset == $0.element.step }) else { return nil }
        return records.map(\.json)
    }
}
