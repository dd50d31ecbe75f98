import ColliderCoordinator
import ColliderTransport
import Foundation

/// Serving what workers on other hosts fetch (docs/protocol.md): chunks of the data set, and the
/// step records of finished runs from the store, the source of truth.
extension CoordinatorService {
    /// The JSON of records packed into one `STEPS` reply, at most (a single larger record still
    /// goes alone): 8 MiB, about 11 MiB as base64.
    static let stepsReplyBytes = 8 << 20

    /// Answers `DATA_REQ`.
    func serve(_ request: DataRequest, to peer: PeerID) async {
        await send(.data(dataset.chunk(for: request)), to: peer)
    }

    /// Answers `STEPS_REQ` with the stored records after `afterStep`, as many as fit.
    func serve(_ request: StepsRequest, to peer: PeerID) async {
        await send(.steps(await stepsChunk(for: request)), to: peer)
    }

    private func stepsChunk(for request: StepsRequest) async -> StepsChunk {
        guard tasks[request.taskID] != nil else {
            return StepsChunk(
                taskID: request.taskID, afterStep: request.afterStep, records: [], complete: false,
                error: "task \(request.taskID.prefix(64)) is not in this sweep's plan")
        }
        let stored: [ColliderCoordinator.StepRecord]
        do {
            let taskID = request.taskID
            stored = try await read { store in try store.stepRecords(for: taskID) }
        } catch {
            logger.error("step records unreadable", metadata: ["task": "\(request.taskID)", "error": "\(error)"])
            return StepsChunk(
                taskID: request.taskID, afterStep: request.afterStep, records: [], complete: false,
                error: "the coordinator cannot read them: \(error)")
        }
        let after = stored.filter { $0.step > request.afterStep }
        var records: [Data] = []
        var bytes = 0
        for record in after {
            let json = Data(record.json.utf8)
            if !records.isEmpty && bytes + json.count > Self.stepsReplyBytes { break }
            records.append(json)
            bytes += json.count
        }
        return StepsChunk(
            taskID: request.taskID, afterStep: request.afterStep, records: records, complete: records.count == after.count)
    }
}
