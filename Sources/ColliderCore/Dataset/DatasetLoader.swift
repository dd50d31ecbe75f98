import Foundation

/// Reads a canonical JSONL data file as `DatasetConfig` describes it (docs/data.md).
public enum DatasetLoader {
    /// Loads `config.path` (already absolute). Blank lines are ignored. Every other line must be a
    /// JSON object holding each input as a non-empty string and each criterion as a number (or a
    /// numeric string) within `config.scale`; the ground truth is that number rounded half-up.
    ///
    /// With `on_bad_row: error` any bad row fails the load, and the error lists every bad row; with
    /// `skip` bad rows are left out and reported in ``Dataset/skipped``.
    public static func load(_ config: DatasetConfig) throws(DatasetError) -> Dataset {
        let path = config.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            throw DatasetError(code: .fileMissing, path: path)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DatasetError(code: .unreadable, path: path, underlying: "\(error)")
        }
        let parser = DatasetRowParser(config: config)
        var rows: [DatasetRow] = []
        var problems: [DatasetProblem] = []
        for (offset, line) in lines(of: data).enumerated() where !isBlank(line) {
            do {
                let parsed = try parser.parse(Data(line), line: offset + 1)
                rows.append(
                    DatasetRow(
                        index: rows.count, line: offset + 1, inputs: parsed.inputs,
                        groundTruth: parsed.groundTruth))
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty && config.onBadRow == .error {
            throw DatasetError(code: .badRows, path: path, problems: problems)
        }
        guard !rows.isEmpty else {
            throw DatasetError(
                code: .noRows, path: path,
                underlying: problems.isEmpty ? "the file is empty" : "all \(problems.count) rows are bad")
        }
        let fingerprint: String
        do {
            fingerprint = try DatasetFingerprint.of(rows: rows, config: config)
        } catch {
            throw DatasetError(code: .fingerprint, path: path, underlying: "\(error)")
        }
        return Dataset(rows: rows, fingerprint: fingerprint, skipped: problems, path: path)
    }

    /// The file's lines without their `\n` or `\r\n` terminators.
    private static func lines(of data: Data) -> [Data.SubSequence] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
    }

    private static func isBlank(_ line: Data.SubSequence) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
