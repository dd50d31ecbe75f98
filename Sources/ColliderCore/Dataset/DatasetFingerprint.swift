/// The fingerprint of a data set: lower-case hex SHA-256 of the canonical JSON (``CanonicalJSON``)
/// of exactly what the pipeline uses:
///
/// ```
/// {"criteria": [...], "inputs": [{"field": f, "label": l}, ...], "scale": {"max": M, "min": m},
///  "rows": [[[input texts in config order], {criterion: ground truth}], ...]}
/// ```
///
/// Reformatting the file, reordering its keys or adding fields the config does not name leave it
/// unchanged; any used text, ground truth, label, criterion or the scale changes it.
/// `scripts/golden/summeval_gt.py` computes the same digest in Python.
enum DatasetFingerprint {
    static func of(rows: [DatasetRow], config: DatasetConfig) throws -> String {
        let inputs = config.inputs.map {
            JSONValue.object(["field": .string($0.field), "label": .string($0.label)])
        }
        let rowValues = rows.map { row in
            JSONValue.array([
                .array(row.inputs.map(JSONValue.string)),
                .object(row.groundTruth.mapValues(JSONValue.int)),
            ])
        }
        let content = JSONValue.object([
            "criteria": .array(config.criteria.map(JSONValue.string)),
            "inputs": .array(inputs),
            "scale": .object(["max": .int(config.scale.max), "min": .int(config.scale.min)]),
            "rows": .array(rowValues),
        ])
        return try CanonicalJSON.sha256Hex(content)
    }
}
