import Foundation

// Bodies of the request / reply pairs that let a worker on another host fetch what the
// coordinator has and it lacks: the sweep's data set (`DATA_REQ` / `DATA`) and the step records
// of finished runs an analysis depends on (`STEPS_REQ` / `STEPS`). A reply repeats its request's
// key (fingerprint and offset; task id and step), which is how the worker matches them; a lost
// request or reply is simply asked again. See docs/protocol.md.

/// `DATA_REQ`: the bytes of the data set `fingerprint` from `offset` on.
public struct DataRequest: Sendable, Hashable, Codable {
    /// The data set's fingerprint, as in `TaskLease.datasetFingerprint`.
    public var fingerprint: String
    /// The first byte wanted.
    public var offset: Int

    public init(fingerprint: String, offset: Int) {
        self.fingerprint = fingerprint
        self.offset = offset
    }
}

/// `DATA`: one chunk of a data set's canonical JSONL file, or why there is none.
public struct DataChunk: Sendable, Hashable, Codable {
    public var fingerprint: String
    /// Where `bytes` starts in the file.
    public var offset: Int
    /// The whole file's size.
    public var totalBytes: Int
    /// Lower-case hex SHA-256 of the whole file.
    public var sha256: String
    public var bytes: Data
    /// Set when the coordinator cannot serve the request (another data set, an offset past the
    /// end); the other fields are then empty.
    public var error: String?

    public init(fingerprint: String, offset: Int, totalBytes: Int, sha256: String, bytes: Data, error: String? = nil) {
        self.fingerprint = fingerprint
        self.offset = offset
        self.totalBytes = totalBytes
        self.sha256 = sha256
        self.bytes = bytes
        self.error = error
    }

    /// A refusal of `request`.
    public init(refusing request: DataRequest, _ error: String) {
        self.init(fingerprint: request.fingerprint, offset: request.offset, totalBytes: 0, sha256: "", bytes: Data(), error: error)
    }

    enum CodingKeys: String, CodingKey {
        case fingerprint, offset, totalBytes = "total_bytes", sha256, bytes, error
    }
}

/// `STEPS_REQ`: the stored step records of task `taskID` after step `afterStep`.
public struct StepsRequest: Sendable, Hashable, Codable {
    public var taskID: String
    /// -1 for every record.
    public var afterStep: Int

    public init(taskID: String, afterStep: Int) {
        self.taskID = taskID
        self.afterStep = afterStep
    }

    enum CodingKeys: String, CodingKey { case taskID = "task_id", afterStep = "after_step" }
}

/// `STEPS`: some of a task's step records in step order (one `steps.jsonl` line each), or why
/// there are none.
public struct StepsChunk: Sendable, Hashable, Codable {
    public var taskID: String
    /// The request's `after_step`.
    public var afterStep: Int
    public var records: [Data]
    /// No record after the last one here is stored.
    public var complete: Bool
    /// Set when the coordinator cannot serve the request; `records` is then empty.
    public var error: String?

    public init(taskID: String, afterStep: Int, records: [Data], complete: Bool, error: String? = nil) {
        self.taskID = taskID
        self.afterStep = afterStep
        self.records = records
        self.complete = complete
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id", afterStep = "after_step", records, complete, error
    }
}
