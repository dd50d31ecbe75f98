/// Why a report could not be built at all (missing runs are not errors; see ``RunProblem``).
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// Neither `sweep.yaml` in the folder nor `--config`.
        case noConfig = "no_config"
        /// The config did not load.
        case badConfig = "bad_config"
        /// A table, plot or the page could not be written.
        case write
    }

    /// What went wrong.
    public var code: Code
    /// The path concerned.
    public var path: String
    /// The underlying error, in words.
    public var underlying: String?

    /// Creates an error.
    public init(_ code: Code, path: String, underlying: String? = nil) {
        self.code = code
        self.path = path
        self.underlying = underlying
    }

    /// One line naming the path and the cause.
    public var description: String {
        let base: String
        switch code {
        case .noConfig: base = "\(path): no sweep.json or sweep.yaml in the results folder; pass --config"
        case .badConfig: base = "\(path): the sweep config does not load"
        case .write: base = "\(path): cannot write"
        }
        return underlying.map { "\(base): \($0)" } ?? base
    }
}
