import ColliderCore
import Foundation

/// The TASK frame written directly. A TASK is mostly the sweep's config (a few kilobytes of
/// base64, the same in every TASK of a sweep) and the JSON encoder escapes every character of
/// it anew for every lease: the coordinator's largest cost per task. Here the frame is written
/// field by field and the config's base64 text copied as it is (base64 needs no escaping). The
/// frame holds what the encoder would write (`TaskFrameTests` compares them).
extension FrameCodec {
    /// The frame of a TASK envelope; nil for any other message and for a lease time that JSON
    /// cannot carry as a number (the encoder's path spells it as a string).
    static func taskFrame(_ envelope: Envelope) -> [UInt8]? {
        guard case .task(let lease) = envelope.message, lease.leaseTTLSeconds.isFinite else { return nil }
        var frame: [UInt8] = []
        frame.reserveCapacity(lease.config.count * 4 / 3 + 1024)
        frame += #"{"v":\#(envelope.version),"type":"TASK","msg_id":\#(envelope.msgID),"body":{"task":"#.utf8
        appendTask(lease.task, to: &frame)
        frame += #","lease_id":"#.utf8
        appendString(lease.leaseID, to: &frame)
        frame += #","lease_ttl_seconds":\#(lease.leaseTTLSeconds),"attempt":\#(lease.attempt)"#.utf8
        if let checkpoint = lease.checkpoint {
            frame += #","checkpoint":""#.utf8
            frame += checkpoint.base64EncodedString().utf8
            frame.append(UInt8(ascii: "\""))
        }
        frame += #","journal":["#.utf8
        for (index, entry) in lease.journal.enumerated() {
            if index > 0 { frame.append(UInt8(ascii: ",")) }
            frame.append(UInt8(ascii: "\""))
            frame += entry.base64EncodedString().utf8
            frame.append(UInt8(ascii: "\""))
        }
        frame += #"],"config":""#.utf8
        frame += TaskLease.base64(lease.config).utf8
        frame.append(UInt8(ascii: "\""))
        if let fingerprint = lease.datasetFingerprint {
            frame += #","dataset_fingerprint":"#.utf8
            appendString(fingerprint, to: &frame)
        }
        frame += "}}".utf8
        return frame
    }

    /// `task` as its `encode(to:)` writes it: every key, nil as null.
    private static func appendTask(_ task: SweepTask, to frame: inout [UInt8]) {
        frame += #"{"id":"#.utf8
        appendString(task.id, to: &frame)
        frame += #","kind":"#.utf8
        appendString(task.kind.rawValue, to: &frame)
        frame += #","backbone":"#.utf8
        appendString(task.backbone, to: &frame)
        frame += #","mode":"#.utf8
        appendOptional(task.mode?.rawValue, to: &frame)
        frame += #","gate":"#.utf8
        appendString(task.gate.rawValue, to: &frame)
        frame += #","seed":"#.utf8
        frame += (task.seed.map(String.init) ?? "null").utf8
        frame += #","criterion":"#.utf8
        appendOptional(task.criterion, to: &frame)
        frame += #","depends_on":["#.utf8
        for (index, id) in task.dependsOn.enumerated() {
            if index > 0 { frame.append(UInt8(ascii: ",")) }
            appendString(id, to: &frame)
        }
        frame += "]}".utf8
    }

    private static func appendOptional(_ string: String?, to frame: inout [UInt8]) {
        if let string { appendString(string, to: &frame) } else { frame += "null".utf8 }
    }

    /// `string` as a JSON string literal: quotes, backslashes and control characters escaped.
    private static func appendString(_ string: String, to frame: inout [UInt8]) {
        frame.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                frame.append(UInt8(ascii: "\\"))
                frame.append(byte)
            case 0..<0x20:
                frame += String(format: "\\u%04x", byte).utf8
            default:
                frame.append(byte)
            }
        }
        frame.append(UInt8(ascii: "\""))
    }
}
