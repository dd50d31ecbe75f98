import Foundation

/// The simulated optimizer LLM (reference §1.5): rewrites each instruction by appending one advice
/// sentence of its criterion that the instruction does not contain yet.
enum OptimizerWriter {
    /// The instruction a criterion gets when the prompt does not show its current one.
    static let initialInstruction = "Rate from 1 to 5."

    /// The reply: the JSON dictionary `{"instructions": {…}}` when the prompt asks for one, else the
    /// plain improved instruction of the first criterion found. When `malformed`, a reply the
    /// reference parser rejects: truncated JSON, or prose without braces (JSON case); quote marks
    /// only, which trim to empty (plain case).
    static func reply(to prompt: String, key: RequestKey, malformed: Bool) -> String {
        let finder = CriteriaFinder(prompt: prompt)
        let names = finder.criteria.isEmpty ? ["criterion"] : finder.criteria
        var rng = key.stream("optimizer")
        let improved = names.map { criterion in
            (criterion, improve(finder.instructions[criterion] ?? initialInstruction, for: criterion, rng: &rng))
        }
        guard wantsJSON(prompt) else {
            return malformed ? "\"\"\n" : improved[0].1
        }
        let entries = improved.map { "    \(JSONText.quoted($0.0)): \(JSONText.quoted($0.1))" }
        let json = "{\n  \"instructions\": {\n" + entries.joined(separator: ",\n") + "\n  }\n}"
        guard malformed else { return json }
        if rng.next() % 2 == 0 {
            return String(json.prefix(json.count / 2)).replacingOccurrences(of: "}", with: "")
        }
        return "I would improve the instructions for \(names.joined(separator: " and ")) by naming "
            + "the cues each score depends on, but the exact wording is left to you."
    }

    /// Whether the prompt asks for the instructions as one JSON dictionary.
    static func wantsJSON(_ prompt: String) -> Bool {
        prompt.contains("{\"instructions\"") || prompt.contains("\"instructions\":")
    }

    private static func improve(_ instruction: String, for criterion: String, rng: inout SplitMix64) -> String {
        let advice = CriterionCues.of(criterion).advice
        let start = Int(rng.next() % UInt64(advice.count))
        let rotated = advice[start...] + advice[..<start]
        guard let sentence = rotated.first(where: { !instruction.contains($0) }) else { return instruction }
        let base = instruction.trimmingCharacters(in: .whitespacesAndNewlines)
        return base.isEmpty ? sentence : base + " " + sentence
    }
}
