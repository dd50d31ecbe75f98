import ColliderCore
import Foundation

/// Pieces shared by the loss, gradient and optimizer prompts.
enum PromptParts {
    /// A prediction as the prompts show it: integers without a decimal point, other numbers as
    /// Swift prints them, a missing value as `none`.
    static func value(_ value: Double?) -> String {
        guard let value else { return "none" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// The comparison function's verdict (reference §1.3, decisions 9): `CORRECT` on numeric
    /// equality, `INCORRECT (difference: d)` with d to two decimals, bare `INCORRECT` when the
    /// prediction is missing.
    static func verdict(prediction: Double?, groundTruth: Int) -> String {
        guard let prediction else { return "INCORRECT" }
        let difference = abs(prediction - Double(groundTruth))
        return difference == 0 ? "CORRECT" : "INCORRECT (difference: \(String(format: "%.2f", difference)))"
    }

    /// The sample's input fields as `Label: value` lines.
    static func inputLines(labels: [String], values: [String]) -> String {
        zip(labels, values).map { "\($0): \($1)" }.joined(separator: "\n")
    }

    /// One task prediction per line as `criterion: value`.
    static func predictionLines(criteria: [String], values: [String: Double?]) -> String {
        criteria.map { "\($0): \(value(values[$0] ?? nil))" }.joined(separator: "\n")
    }

    /// A string as a JSON string literal, escaped (decisions 10).
    static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding a String cannot fail.
        // swiftlint:disable:next force_try
        return String(decoding: try! encoder.encode(text), as: UTF8.self)
    }

    /// `text` wrapped in an opening and a closing tag, each on its own line.
    static func tagged(_ tag: String, _ text: String) -> String {
        "<\(tag)>\n\(text)\n</\(tag)>"
    }
}
