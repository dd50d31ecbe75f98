import Foundation

/// Turns one line of a canonical JSONL data file into input texts and integer ground truth, or
/// into the first problem found on that line.
struct DatasetRowParser {
    let config: DatasetConfig
    private let decoder: JSONDecoder

    init(config: DatasetConfig) {
        self.config = config
        decoder = SelectedFields.decoder(for: config.inputs.map(\.field) + config.criteria)
    }

    /// The parsed row content; throws the line's first problem.
    func parse(_ bytes: Data, line: Int) throws(DatasetProblem)
        -> (inputs: [String], groundTruth: [String: Int])
    {
        func problem(_ kind: DatasetProblem.Kind, _ field: String?, _ detail: String) -> DatasetProblem {
            DatasetProblem(path: config.path, line: line, kind: kind, field: field, detail: detail)
        }
        guard let object = try? decoder.decode(SelectedFields.self, from: bytes).values else {
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: bytes) else {
                throw problem(.invalidJSON, nil, "the line is not valid JSON")
            }
            throw problem(.notAnObject, nil, "the line is \(Self.describe(value)), not a JSON object")
        }
        var inputs: [String] = []
        for input in config.inputs {
            switch object[input.field] {
            case nil:
                throw problem(
                    .missingInput, input.field, "input \"\(input.field)\" (\(input.label)) is missing")
            case .string(let text) where text.allSatisfy(\.isWhitespace):
                throw problem(.emptyInput, input.field, "input \"\(input.field)\" is empty")
            case .string(let text):
                inputs.append(text)
            case .some(let other):
                throw problem(
                    .inputNotText, input.field,
                    "input \"\(input.field)\" is \(Self.describe(other)), not a string")
            }
        }
        var groundTruth: [String: Int] = [:]
        for criterion in config.criteria {
            guard let raw = object[criterion] else {
                throw problem(.missingCriterion, criterion, "criterion \"\(criterion)\" is missing")
            }
            guard let number = Self.number(raw) else {
                throw problem(
                    .notANumber, criterion,
                    "criterion \"\(criterion)\" is \(Self.describe(raw)), not a number")
            }
            let scale = config.scale
            guard number >= Double(scale.min), number <= Double(scale.max) else {
                throw problem(
                    .outsideScale, criterion,
                    "criterion \"\(criterion)\" is \(Self.describe(raw)), outside the scale "
                        + "\(scale.min)…\(scale.max)")
            }
            groundTruth[criterion] = Self.roundHalfUp(number)
        }
        return (inputs, groundTruth)
    }

    /// Rounds half-up: 2.5 → 3, 3.49 → 3, 4.6̅ → 5 (decisions 18).
    static func roundHalfUp(_ value: Double) -> Int {
        Int((value + 0.5).rounded(.down))
    }

    /// A JSON number, or a string holding a finite decimal number.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let int): Double(int)
        case .double(let double): double
        case .string(let text):
            Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// A value as an error message shows it: numbers and strings as written, other kinds by name.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .int(let int): "\(int)"
        case .double(let double): "\(double)"
        case .string(let text): "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
