import Foundation

/// A task prompt laid out as in reference §2.2, taken apart: the criteria and their instructions,
/// the score scale, and the sample's labelled fields.
///
/// Parsing is lenient: a missing section leaves its part empty, and lines that do not start a new
/// entry continue the previous one (multi-line instructions and source texts).
struct TaskPrompt: Sendable {
    /// Criteria in the order of the `## Instructions:` list.
    var criteria: [String] = []
    /// The instruction per criterion.
    var instructions: [String: String] = [:]
    /// The score scale, from the output-format block's `1|2|3|4|5` or 1…5 without one.
    var scale: ClosedRange<Int> = 1...5
    /// The sample's fields as `(label, value)` in prompt order.
    var fields: [(label: String, value: String)] = []

    /// The summary under evaluation: the field labelled `…Summary…`, else the first field.
    var summary: String {
        (fields.first { $0.label.lowercased().contains("summary") } ?? fields.first)?.value ?? ""
    }

    /// Everything the summary is judged against: every field but the summary.
    var source: String {
        let summaryLabel = (fields.first { $0.label.lowercased().contains("summary") } ?? fields.first)?.label
        return fields.filter { $0.label != summaryLabel }.map(\.value).joined(separator: "\n")
    }

    init(parsing text: String) {
        let lines = text.components(separatedBy: "\n")
        let formatStart = lines.firstIndex { $0.hasPrefix("## Output format") }
        let instructionsStart = lines.firstIndex { $0.hasPrefix("## Instructions:") }
        let sampleStart = lines.firstIndex { $0.hasPrefix("## Sample:") }
        let responseStart = lines.lastIndex { $0.hasPrefix("## Response:") }

        if let formatStart, let scale = Self.scale(in: lines[(formatStart + 1)...]) {
            self.scale = scale
        }
        if let instructionsStart {
            let end = sampleStart.map { max($0, instructionsStart + 1) } ?? lines.count
            parseInstructions(lines[(instructionsStart + 1)..<end])
        }
        if let sampleStart {
            let end = responseStart.map { max($0, sampleStart + 1) } ?? lines.count
            parseFields(lines[(sampleStart + 1)..<end])
        }
    }

    /// The first `"key": 1|2|3` line's numbers as a range.
    private static func scale(in lines: ArraySlice<String>) -> ClosedRange<Int>? {
        for line in lines {
            guard let colon = line.lastIndex(of: ":"), line.contains("|") else {
                if line.hasPrefix("## ") { return nil }
                continue
            }
            let values = line[line.index(after: colon)...]
                .split(separator: "|")
                .compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: " ,\t"))) }
            if let low = values.min(), let high = values.max(), low < high { return low...high }
        }
        return nil
    }

    private mutating func parseInstructions(_ lines: ArraySlice<String>) {
        var current: String?
        for line in lines {
            if let (name, instruction) = Self.criterionLine(line) {
                if instructions[name] == nil { criteria.append(name) }
                instructions[name] = instruction
                current = name
            } else if let name = current, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                instructions[name, default: ""] += "\n" + line
            }
        }
    }

    private mutating func parseFields(_ lines: ArraySlice<String>) {
        for line in lines {
            if let (label, value) = Self.fieldLine(line) {
                fields.append((label, value))
            } else if !fields.isEmpty, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                fields[fields.count - 1].value += "\n" + line
            }
        }
    }

    /// `- name: instruction`, where the name is one token (letters, digits, `_`, `-`, `.`).
    static func criterionLine(_ line: String) -> (String, String)? {
        guard line.hasPrefix("- "), let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[line.index(line.startIndex, offsetBy: 2)..<colon]
        guard isCriterionName(name) else { return nil }
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(name), rest)
    }

    /// Whether `name` looks like a criterion key: 1–40 letters, digits, `_`, `-` or `.`, starting
    /// with a letter.
    static func isCriterionName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isLetter, name.count <= 40 else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) }
    }

    /// `Label: value` with a short capitalized label of letters and spaces.
    private static func fieldLine(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon]
        guard let first = label.first, first.isUppercase, label.count <= 30,
            label.allSatisfy({ $0.isLetter || $0 == " " })
        else { return nil }
        return (String(label), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
