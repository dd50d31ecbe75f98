import ColliderCoordinator
import ColliderRunner
import ColliderTransport
import Foundation

extension CoordinatorService {
    /// Writes the record files a worker sent with its result into this coordinator's results
    /// folder, before the result is committed, so that `runs/<task-id>/` here is complete
    /// whichever host ran the task (the report and `collider status` read it).
    ///
    /// Step records meet in the store: those the worker's progress messages brought, and those
    /// only its `steps.jsonl` holds (a progress message is not re-sent when the coordinator was
    /// down, the result is). The union is stored — analyses read their inputs from the store — and
    /// written as `steps.jsonl`, since a run resumed on another worker has only its own steps in
    /// that worker's file. Writing is idempotent. A failure is logged; the result still counts,
    /// and the worker's copy remains on its disk. Runs with the core, in its queue's turn.
    func storeFiles(of result: TaskResult, core: inout CoordinatorCore) {
        guard var files = result.files, !files.isEmpty, tasks[result.taskID] != nil else { return }
        do {
            if let shipped = files["steps.jsonl"], let merged = try mergedSteps(result.taskID, shipped: shipped, core: &core) {
                files["steps.jsonl"] = Data(merged.map { $0.json + "\n" }.joined().utf8)
            }
            try TaskRecords.store(files, results: results, taskID: result.taskID)
        } catch {
            logger.warning(
                "could not write a result's record files",
                metadata: ["task": "\(result.taskID)", "error": "\(error)"])
        }
    }

    /// The store's step records of `taskID` completed with those of `shipped` it lacks (which are
    /// stored too), when together they run 0, 1, 2, … without a gap; nil otherwise.
    private func mergedSteps(_ taskID: String, shipped: Data, core: inout CoordinatorCore) throws -> [StepRecord]? {
        struct Step: Decodable { var step: Int }
        let lines = shipped.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        let fromFile = try lines.map { StepRecord(step: try JSONDecoder().decode(Step.self, from: Data($0.utf8)).step, json: $0) }
        let stored = try core.settledStore().stepRecords(for: taskID)
        let known = Set(stored.map(\.step))
        let missing = fromFile.filter { !known.contains($0.step) }
        try core.commitNow(missing.map { .stepRecord(taskID: taskID, $0) })
        let merged = (stored + missing).sorted { $0.step < $1.step }
        guard merged.enumerated().allSatisfy({ $0.offset == $0.element.step }) else { return nil }
        return merged
    }
}
