/// Why a data file could not be loaded. The description names the file (and line) and the fix.
public struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// The data file does not exist.
        case fileMissing
        /// The data file exists but could not be read.
        case unreadable
        /// Rows are bad and `on_bad_row` is `error`; ``problems`` lists every one of them.
        case badRows
        /// No row is left to use.
        case noRows
        /// The fingerprint's canonical JSON could not be encoded.
        case fingerprint
    }

    /// How many problems the description lists before "and N more".
    public static let listedProblems = 20

    /// What went wrong.
    public var code: Code
    /// The data file.
    public var path: String
    /// Every bad row found (one problem per row), for ``Code/badRows``.
    public var problems: [DatasetProblem]
    /// The underlying error's text, if there was one.
    public var underlying: String?

    public init(code: Code, path: String, problems: [DatasetProblem] = [], underlying: String? = nil) {
        self.code = code
        self.path = path
        self.problems = problems
        self.underlying = underlying
    }

    public var description: String {
        switch code {
        case .fileMissing:
            if path.hasSuffix("data/summeval.jsonl") {
                return "data file \(path) does not exist; run `make data`, which links "
                    + "data/summeval.jsonl to ../shared/data/summeval/summeval.jsonl"
            }
            return "data file \(path) does not exist; check dataset.path (relative paths are "
                + "resolved against the config file's folder)"
        case .unreadable:
            return "cannot read data file \(path): \(underlying ?? "unknown error")"
        case .badRows:
            let fix = "; fix the row or set dataset.on_bad_row: skip"
            var lines = ["data file \(path) has \(problems.count) bad row\(problems.count == 1 ? "" : "s"):"]
            lines += problems.prefix(Self.listedProblems).map { $0.description + fix }
            if problems.count > Self.listedProblems {
                lines.append("and \(problems.count - Self.listedProblems) more")
            }
            return lines.joined(separator: "\n")
        case .noRows:
            return "data file \(path) has no usable rows\(underlying.map { " (\($0))" } ?? "")"
        case .fingerprint:
            return "cannot fingerprint data file \(path): \(underlying ?? "unknown error")"
        }
    }
}
