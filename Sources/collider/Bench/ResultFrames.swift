import ColliderTransport
import Foundation

/// The simulated fleet's RESULT frames, written from a template: through `FrameCodec`'s JSON
/// encoder each cost the fleet's thread more than everything else it does per task, time the
/// coordinator it measures then did not have (both share the machine's cores). The template is
/// the codec's own frame for placeholder ids, cut around them, and is checked by decoding a frame
/// it writes once when made; ids with any character JSON might escape go through the codec.
struct ResultFrames {
    private enum Field { case msgID, leaseID, taskID }
    /// The placeholders the template is cut around.
    private static let placeholder = (msgID: UInt64(987_654_321_987_654_321), leaseID: "LEASEPLACEHOLDER0", taskID: "TASKPLACEHOLDER0")

    private let codec: FrameCodec
    private let summary: Data
    /// The template's text between the fields, and the fields in the order they appear.
    private let pieces: [[UInt8]]
    private let fields: [Field]

    /// Cuts the codec's frame for a RESULT carrying `summary`; throws if a frame it writes does
    /// not decode to the RESULT it stands for.
    init(summary: Data, codec: FrameCodec) throws {
        self.codec = codec
        self.summary = summary
        let marks = Self.placeholder
        let template = try codec.encode(Self.result(marks.leaseID, marks.taskID, summary), msgID: marks.msgID)
        var found: [(at: Range<Int>, field: Field)] = []
        for (text, field) in [(String(marks.msgID), Field.msgID), (marks.leaseID, .leaseID), (marks.taskID, .taskID)] {
            let ranges = template.ranges(of: Array(text.utf8))
            guard ranges.count == 1 else { throw BenchChildError(what: "the RESULT template holds \(text) \(ranges.count) times") }
            found.append((ranges[0], field))
        }
        found.sort { $0.at.lowerBound < $1.at.lowerBound }
        var pieces: [[UInt8]] = []
        var start = 0
        for (range, _) in found {
            pieces.append(Array(template[start..<range.lowerBound]))
            start = range.upperBound
        }
        pieces.append(Array(template[start...]))
        self.pieces = pieces
        fields = found.map(\.field)
        // The encoder's key order varies from frame to frame: the check compares what they say.
        let (lease, task, msgID) = ("L12-sim-SSS-none", "sim-SSS-none-s3", UInt64(4_096))
        let written = frame(leaseID: lease, taskID: task, msgID: msgID).flatMap { try? codec.decode($0) }
        guard written == Envelope(msgID: msgID, message: Self.result(lease, task, summary)) else {
            throw BenchChildError(what: "the RESULT template does not say what the codec's frame says")
        }
    }

    /// The RESULT frame for a lease.
    func frame(leaseID: String, taskID: String, msgID: UInt64) -> [UInt8]? {
        guard Self.isPlain(leaseID), Self.isPlain(taskID) else {
            return try? codec.encode(Self.result(leaseID, taskID, summary), msgID: msgID)
        }
        var frame = pieces[0]
        for (index, field) in fields.enumerated() {
            switch field {
            case .msgID: frame += String(msgID).utf8
            case .leaseID: frame += leaseID.utf8
            case .taskID: frame += taskID.utf8
            }
            frame += pieces[index + 1]
        }
        return frame
    }

    private static func result(_ lease: String, _ task: String, _ summary: Data) -> Message {
        .result(TaskResult(leaseID: lease, taskID: task, summary: summary))
    }

    /// Letters, digits and `-._:` only: nothing JSON escapes.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
    }
}
