import ColliderTransport
import Foundation

/// The simulated fleet's RESULT frames, written from a template: through `FrameCodec`'s JSON
/// encoder each cost the fleet's thread more than everything else it does per task, time the
/// coordinator it measures then did not have (both share the machine's cores). The template is
/// the codec's own frame for placeholder ids, cut around them, and is checked by decoding a frame
/// it writes once when made; ids with any character JSON might escape go through the codec.
struct ResultFrames {
    private enum Field { case msgID, leaseID, taskID }
    private static let marks: [(field: Field, text: String)] = [
        (.msgID, "987654321987654321"), (.leaseID, "LEASEPLACEHOLDER0"), (.taskID, "TASKPLACEHOLDER0"),
    ]

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
        let template = try codec.encode(
            .result(TaskResult(leaseID: Self.marks[1].text, taskID: Self.marks[2].text, summary: summary)),
            msgID: UInt64(Self.marks[0].text)!)
        var found: [(at: Range<Int>, field: Field)] = []
        for mark in Self.marks {
            let ranges = Self.ranges(of: Array(mark.text.utf8), in: template)
            guard ranges.count == 1 else { throw BenchChildError(what: "the RESULT template holds \(mark.text) \(ranges.count) times") }
            found.append((ranges[0], mark.field))
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
        let expected = Envelope(msgID: msgID, message: .result(TaskResult(leaseID: lease, taskID: task, summary: summary)))
        guard written == expected else {
            throw BenchChildError(what: "the RESULT template does not say what the codec's frame says")
        }
    }

    /// The RESULT frame for a lease.
    func frame(leaseID: String, taskID: String, msgID: UInt64) -> [UInt8]? {
        guard Self.isPlain(leaseID), Self.isPlain(taskID) else {
            return Self.encoded(leaseID, taskID, msgID, summary, codec)
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

    private static func encoded(_ lease: String, _ task: String, _ msgID: UInt64, _ summary: Data, _ codec: FrameCodec) -> [UInt8]? {
        try? codec.encode(.result(TaskResult(leaseID: lease, taskID: task, summary: summary)), msgID: msgID)
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

    private static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard needle.count <= haystack.count else { return [] }
        return (0...(haystack.count - needle.count)).filter { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }.map { $0..<($0 + needle.count) }
    }
}
