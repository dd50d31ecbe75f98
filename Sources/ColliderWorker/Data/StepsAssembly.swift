import ColliderPipeline
import ColliderTransport
import Foundation

/// Collects a finished run's step records from `STEPS` chunks (docs/protocol.md), without I/O:
/// it says which step to ask after next, decodes and checks each record, and at the end checks
/// that the steps run 0, 1, 2, … without a gap, so an analysis never works on a partial run.
struct StepsAssembly: Sendable {
    /// The run whose records are fetched.
    let taskID: String
    private(set) var records: [StepRecord] = []

    init(taskID: String) {
        self.taskID = taskID
    }

    private var subject: String { "step records of task \(taskID)" }

    /// The request to send next.
    var nextRequest: StepsRequest { StepsRequest(taskID: taskID, afterStep: records.last?.step ?? -1) }

    /// Takes the reply to `nextRequest`; returns the records once the coordinator said there are
    /// no more (empty when it stores none), nil while more are to come.
    mutating func accept(_ chunk: StepsChunk) throws(DataShippingError) -> [StepRecord]? {
        if let error = chunk.error {
            throw DataShippingError(.refused, subject, "the coordinator cannot send them: \(error)")
        }
        let request = nextRequest
        guard chunk.taskID == taskID, chunk.afterStep == request.afterStep else {
            throw bad("records of task \(chunk.taskID.prefix(64)) after step \(chunk.afterStep) arrived instead")
        }
        guard !chunk.records.isEmpty || chunk.complete else {
            throw bad("an empty reply that says more records follow")
        }
        for data in chunk.records {
            let record: StepRecord
            do {
                record = try WireCoding.decode(StepRecord.self, from: data)
            } catch {
                throw bad("a record after step \(records.last?.step ?? -1) does not decode: \(error)")
            }
            guard record.step > records.last?.step ?? -1 else {
                throw bad("step \(record.step) arrived after step \(records.last?.step ?? -1)")
            }
            records.append(record)
        }
        guard chunk.complete else { return nil }
        if let gap = records.enumerated().first(where: { $0.offset != $0.element.step }) {
            throw bad(
                "the coordinator's store has no record of step \(gap.offset) (it has steps "
                    + "\(records.map { String($0.step) }.joined(separator: ", ")))")
        }
        return records
    }

    private func bad(_ detail: String) -> DataShippingError { DataShippingError(.badReply, subject, detail) }
}
