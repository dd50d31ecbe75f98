import Foundation

/// The RESULT frame read directly: one arrives with every finished task, and the JSON decoder was
/// most of the cost of reading it on the coordinator's I/O thread, which also sends the TASKs.
/// Reading accepts the JSON the encoder writes — the envelope's and `TaskResult`'s keys in any
/// order (the encoder's order varies from process to process), no spaces, strings with the short
/// escapes only; anything else (a `\u` escape, an unknown or repeated key, spaces, another
/// version) goes to the JSON decoder, which also names what is wrong with a malformed frame.
/// `ResultFrameTests` checks the two readers agree, on damaged frames too.
extension FrameCodec {
    /// The envelope of a RESULT frame as the encoder writes them, under the current protocol
    /// version; nil for anything else.
    static func resultEnvelope(_ bytes: [UInt8]) -> Envelope? {
        var reader = FrameReader(bytes: bytes)
        var version: Int?
        var type: String?
        var msgID: UInt64?
        var result: TaskResult?
        let complete = reader.object { key, reader in
            switch key {
            case "v" where version == nil: version = reader.integer().flatMap { Int($0) }
            case "type" where type == nil: type = reader.string()
            case "msg_id" where msgID == nil: msgID = reader.integer().flatMap { UInt64($0) }
            case "body" where result == nil: result = readResult(&reader)
            default: return false
            }
            return true
        }
        guard complete, reader.atEnd, let version, version == ProtocolVersion.current, type == "RESULT", let msgID,
            let result
        else { return nil }
        return Envelope(version: version, msgID: msgID, message: .result(result))
    }

    /// A RESULT's body: `lease_id`, `task_id`, `summary`, and `files` when present.
    private static func readResult(_ reader: inout FrameReader) -> TaskResult? {
        var leaseID: String?
        var taskID: String?
        var summary: Data?
        var files: [String: Data]?
        let complete = reader.object { key, reader in
            switch key {
            case "lease_id" where leaseID == nil: leaseID = reader.string()
            case "task_id" where taskID == nil: taskID = reader.string()
            case "summary" where summary == nil: summary = reader.base64()
            case "files" where files == nil:
                var read: [String: Data] = [:]
                let filesComplete = reader.object { name, reader in
                    guard read[name] == nil, let file = reader.base64() else { return false }
                    read[name] = file
                    return true
                }
                guard filesComplete else { return false }
                files = read
            default: return false
            }
            return true
        }
        guard complete, let leaseID, let taskID, let summary else { return nil }
        return TaskResult(leaseID: leaseID, taskID: taskID, summary: summary, files: files)
    }
}
