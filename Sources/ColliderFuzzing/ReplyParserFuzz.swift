import ColliderCore
import ColliderPipeline
import Foundation

/// The reply parsers' promises on any text: a task reply is a parse error or finite numbers, and
/// counts as valid only with every criterion inside the scale; the numbers it read, written back
/// as a JSON object, read back the same; an optimizer reply is instructions for the asked criteria
/// only, or a parse error.
enum ReplyParserFuzz {
    static let criteria = ["coherence", "consistency", "fluency", "relevance"]
    static let scale = Scale(min: 1, max: 5)

    static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let reply = String(decoding: bytes, as: UTF8.self)
        try checkTaskReply(reply)
        try checkOptimizerReply(reply)
    }

    private static func checkTaskReply(_ reply: String) throws(InvariantViolation) {
        let parsed = TaskReplyParser.parse(reply)
        if parsed.parseError != nil {
            guard parsed.values.isEmpty else { throw violation("a parse error with values \(parsed.values)") }
            return
        }
        guard parsed.values.values.allSatisfy(\.isFinite) else {
            throw violation("non-finite scores \(parsed.values)")
        }
        if parsed.problem(criteria: criteria, scale: scale) == nil {
            let scores = criteria.map { parsed.values[$0] }
            guard scores.allSatisfy({ $0.map { Double(scale.min)...Double(scale.max) ~= $0 } ?? false }) else {
                throw violation("a valid reply with scores \(scores) outside \(scale.values)")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(parsed.values) else {
            throw violation("finite scores \(parsed.values) do not encode as JSON")
        }
        let again = TaskReplyParser.parse(String(decoding: json, as: UTF8.self))
        guard again == TaskReply(values: parsed.values, parseError: nil) else {
            throw violation("scores \(parsed.values) written as JSON read back as \(again)")
        }
    }

    private static func checkOptimizerReply(_ reply: String) throws(InvariantViolation) {
        if case .success(let instructions) = OptimizerReplyParser.parseCombined(reply, criteria: criteria) {
            guard instructions.keys.allSatisfy(criteria.contains) else {
                throw violation("instructions for criteria that were not asked: \(instructions.keys.sorted())")
            }
        }
        if let instruction = OptimizerReplyParser.parseSeparate(reply) {
            guard let first = instruction.first, let last = instruction.last, !first.isWhitespace, !last.isWhitespace
            else { throw violation("a separate instruction with surrounding whitespace: \(instruction.debugDescription)") }
        }
    }

    private static func violation(_ message: String) -> InvariantViolation {
        InvariantViolation(.replyParser, message)
    }
}
