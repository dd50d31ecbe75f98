import Foundation

/// `dataset:`: the data file, how rows become prompts, the scale and the split.
extension ConfigLoader {
    static let datasetKeys = [
        "path", "format", "inputs", "criteria", "scale", "initial_instruction", "initial_instructions", "directive",
        "split", "on_bad_row",
    ]
    static let defaultInitialInstruction = "Rate from {min} to {max}."

    static func parseDataset(_ value: ConfigValue, context: LoadContext) -> DatasetConfig? {
        guard let map = value.mapping(allowedKeys: datasetKeys) else { return nil }
        let path = map.read("path") { $0.string().map { resolve(path: $0, context: context) } }
        let format = map.read("format", default: .jsonl) { $0.choice(DatasetFormat.self, what: "format") }
        let inputs = map.read("inputs") { value in
            value.nonEmptyList(of: "input").flatMap { items in
                let inputs = items.map(parseInput)
                return inputs.contains(nil) ? nil : inputs.compactMap { $0 }
            }
        }
        let criteria = map.read("criteria") { $0.uniqueList(of: "criterion") { $0.string() } }
        let scale = map.read("scale", default: Scale(min: 1, max: 5), parseScale)
        let instruction = map.read("initial_instruction", default: defaultInitialInstruction) { $0.string() }
        let overrides = map.read("initial_instructions", default: [:]) {
            parseInstructionOverrides($0, criteria: criteria)
        }
        let directive = map.read("directive") { $0.string() }
        let split = map.read("split", parseSplit)
        let onBadRow = map.read("on_bad_row", default: .error) {
            $0.choice(BadRowPolicy.self, what: "on_bad_row policy")
        }
        guard let path, let format, let inputs, let criteria, let scale, let instruction, let overrides,
            let directive, let split, let onBadRow
        else { return nil }
        var instructions: [String: String] = [:]
        for criterion in criteria {
            let text = overrides[criterion] ?? instruction
            instructions[criterion] = text.replacing("{min}", with: String(scale.min))
                .replacing("{max}", with: String(scale.max))
        }
        return DatasetConfig(
            path: path, format: format, inputs: inputs, criteria: criteria, scale: scale,
            initialInstructions: instructions, directive: directive, split: split, onBadRow: onBadRow)
    }

    /// An absolute, standardized path; relative paths start at the config file's folder and a
    /// leading `~/` at `$HOME`.
    static func resolve(path: String, context: LoadContext) -> String {
        var path = path
        if path.hasPrefix("~/"), let home = context.home {
            path = home + path.dropFirst(1)
        }
        return URL(fileURLWithPath: path, relativeTo: context.configDirectory).standardizedFileURL.path
    }

    private static func parseInput(_ value: ConfigValue) -> InputField? {
        guard let map = value.mapping(allowedKeys: ["label", "field"]) else { return nil }
        let label = map.read("label") { $0.string() }
        let field = map.read("field") { $0.string() }
        guard let label, let field else { return nil }
        return InputField(label: label, field: field)
    }

    private static func parseScale(_ value: ConfigValue) -> Scale? {
        guard let map = value.mapping(allowedKeys: ["min", "max"]) else { return nil }
        let min = map.read("min") { $0.int() }
        let max = map.read("max") { $0.int() }
        guard let min, let max else { return nil }
        guard min < max else {
            value.reader.report(
                "min (\(min)) must be less than max (\(max)); a scale needs at least two values, e.g. min: 1, max: 5",
                at: value.place)
            return nil
        }
        return Scale(min: min, max: max)
    }

    /// Per-criterion instructions; each key must be one of `criteria` (unchecked when the criteria
    /// themselves are broken).
    private static func parseInstructionOverrides(_ value: ConfigValue, criteria: [String]?) -> [String: String]? {
        guard let map = value.mapping(allowedKeys: nil) else { return nil }
        var overrides: [String: String] = [:]
        var valid = true
        for entry in map.entries {
            if let criteria, !criteria.contains(entry.key) {
                let hint =
                    EditDistance.suggestion(for: entry.key, among: criteria).map { "did you mean \"\($0)\"? " } ?? ""
                entry.value.reader.report(
                    "\"\(entry.key)\" is not one of dataset.criteria; \(hint)criteria: \(criteria.joined(separator: ", "))",
                    at: entry.value.keyPlace)
                valid = false
            }
            guard let text = entry.value.string() else {
                valid = false
                continue
            }
            overrides[entry.key] = text
        }
        return valid ? overrides : nil
    }

    private static func parseSplit(_ value: ConfigValue) -> SplitConfig? {
        guard let map = value.mapping(allowedKeys: ["seed", "train", "test"]) else { return nil }
        let seed = map.read("seed", default: 42) { $0.int(minimum: 0) }
        let train = map.read("train") { $0.int(minimum: 1) }
        let test = map.read("test") { $0.int(minimum: 1) }
        guard let seed, let train, let test else { return nil }
        return SplitConfig(seed: UInt64(seed), train: train, test: test)
    }
}
