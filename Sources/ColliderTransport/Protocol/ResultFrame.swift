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
        let complete = reader.object { key, reader -> Bool in
            switch key {
            case "v" where version == nil:
                version = reader.integer().flatMap { Int($0) }
                return version != nil
            case "type" where type == nil:
                // Any other message leaves here when its type comes before its body.
                type = reader.string()
                return type == "RESULT"
            case "msg_id" where msgID == nil:
                msgID = reader.integer().flatMap { UInt64($0) }
                return msgID != nil
            case "body" where result == nil:
                result = readResult(&reader)
                return result != nil
            default:
                return false
            }
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
        let complete = reader.object { key, reader -> Bool in
            switch key {
            case "lease_id" where leaseID == nil:
                leaseID = reader.string()
                return leaseID != nil
            case "task_id" where taskID == nil:
                taskID = reader.string()
                return taskID != nil
            case "summary" where summary == nil:
                summary = reader.base64()
                return summary != nil
            case "files" where files == nil:
                files = readFiles(&reader)
                return files != nil
            default:
                return false
            }
        }
        guard complete, let leaseID, let taskID, let summary else { return nil }
        return TaskResult(leaseID: leaseID, taskID: taskID, summary: summary, files: files)
    }

    /// A RESULT's `files`: base64 contents by name, each name once.
    private static func readFiles(_ reader: inout FrameReader) -> [String: Data]? {
        var files: [String: Data] = [:]
        let complete = reader.object { name, reader in
            guard files[name] == nil, let file = reader.base64() else { return false }
            files[name] = file
            return true
        }
        return complete ? files : nil
    }
}
