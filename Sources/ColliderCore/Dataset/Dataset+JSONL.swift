import Foundation

extension Dataset {
    /// The kept rows as a canonical JSONL data file for `config`: one object per row with each
    /// input text under its field and each criterion's integer ground truth, keys sorted, in row
    /// order. Loading it with the same config gives the same rows and the same fingerprint, so a
    /// coordinator ships this file to workers that do not have the data set (docs/protocol.md).
    public func canonicalJSONL(config: DatasetConfig) throws -> Data {
        var lines = Data()
        for row in rows {
            var object: [String: JSONValue] = [:]
            for (input, text) in zip(config.inputs, row.inputs) { object[input.field] = .string(text) }
            for (criterion, value) in row.groundTruth { object[criterion] = .int(value) }
            lines.append(try CanonicalJSON.encode(JSONValue.object(object)))
            lines.append(UInt8(ascii: "\n"))
        }
        return lines
    }
}
