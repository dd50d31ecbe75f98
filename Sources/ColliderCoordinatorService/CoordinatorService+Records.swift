import ColliderRunner
import ColliderTransport
import Foundation

extension CoordinatorService {
    /// Writes the record files a worker sent with its result into this coordinator's results
    /// folder, before the result is committed, so that `runs/<task-id>/` here is complete
    /// whichever host ran the task (the report and `collider status` read it). Writing is
    /// idempotent: a re-sent or duplicate result carries the same files. A failure is logged; the
    /// result still counts, and the worker's copy remains on its disk.
    func storeFiles(of result: TaskResult) {
        guard let files = result.files, !files.isEmpty, tasks[result.taskID] != nil else { return }
        do {
            try TaskRecords.store(files, results: results, taskID: result.taskID)
        } catch {
            logger.warning(
                "could not write a result's record files",
                metadata: ["task": "\(result.taskID)", "error": "\(error)"])
        }
    }
}
