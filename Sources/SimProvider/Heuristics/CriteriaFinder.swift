import Foundation

/// Finds the criteria a loss, gradient or optimizer prompt is about, and their current
/// instructions where the prompt shows them (reference §1.3–§1.5).
///
/// Sources, first match wins:
/// 1. `"name": "instruction"` lines inside a `<VARIABLE>` block (combined optimizer);
/// 2. `- name: instruction` lines after `## Instructions:` (the embedded task prompt);
/// 3. `name: value` lines inside `<VARIABLE>` or `<OUTPUT_OF_FUNCTION>` blocks (CCC loss,
///    combined gradient);
/// 4. `Feedback for task 'name'` / `Feedback for name:` headers;
/// 5. the known SummEval criteria named anywhere, in order of first mention.
struct CriteriaFinder: Sendable {
    /// Criteria in the order found.
    private(set) var criteria: [String] = []
    /// Current instructions, for criteria whose instruction the prompt shows.
    private(set) var instructions: [String: String] = [:]

    init(prompt: String) {
        let variables = Self.blocks(named: "VARIABLE", in: prompt)
        for block in variables { addQuotedKeys(block) }
        if criteria.isEmpty {
            let embedded = TaskPrompt(parsing: prompt)
            criteria = embedded.criteria
            instructions = embedded.instructions
        }
        if criteria.isEmpty {
            for block in variables + Self.blocks(named: "OUTPUT_OF_FUNCTION", in: prompt) {
                addColonKeys(block)
            }
        }
        if criteria.isEmpty { addFeedbackHeaders(prompt) }
        if criteria.isEmpty { addKnownMentions(prompt) }
    }

    /// The inner text of every `<NAME>…</NAME>` block.
    static func blocks(named name: String, in text: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<\(name)>"), let close = rest[open.upperBound...].range(of: "</\(name)>") {
            result.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }

    private mutating func add(_ name: Substring, instruction: String?) {
        let name = String(name)
        guard TaskPrompt.isCriterionName(name[...]), !Self.notCriteria.contains(name.lowercased()) else { return }
        if !criteria.contains(name) { criteria.append(name) }
        if let instruction { instructions[name] = instruction }
    }

    private mutating func addQuotedKeys(_ block: String) {
        for line in block.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\""), let keyEnd = trimmed.dropFirst().firstIndex(of: "\"") else { continue }
            let key = trimmed[trimmed.index(after: trimmed.startIndex)..<keyEnd]
            let rest = trimmed[trimmed.index(after: keyEnd)...].trimmingCharacters(in: .whitespaces)
            guard rest.hasPrefix(":") else { continue }
            var value = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            if value.hasSuffix(",") { value.removeLast() }
            add(key, instruction: value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
    }

    private mutating func addColonKeys(_ block: String) {
        for line in block.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            add(trimmed[..<colon], instruction: nil)
        }
    }

    private mutating func addFeedbackHeaders(_ prompt: String) {
        for line in prompt.split(separator: "\n") {
            guard let range = line.range(of: "Feedback for ") else { continue }
            var rest = line[range.upperBound...]
            if rest.hasPrefix("task ") { rest = rest.dropFirst(5) }
            rest = rest.drop { "'\"‘“".contains($0) }
            add(rest.prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }, instruction: nil)
        }
    }

    private mutating func addKnownMentions(_ prompt: String) {
        let lower = prompt.lowercased()
        let mentioned = CriterionCues.knownCriteria.compactMap { name in
            lower.range(of: name).map { (name, $0.lowerBound) }
        }
        for (name, _) in mentioned.sorted(by: { $0.1 < $1.1 }) { add(name[...], instruction: nil) }
    }

    /// Labels that look like keys in these blocks but are not criteria.
    private static let notCriteria: Set<String> = ["overall", "summary", "source", "text", "note", "instructions"]
}
