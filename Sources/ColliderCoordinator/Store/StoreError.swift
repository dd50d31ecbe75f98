/// A failure of the sweep store, naming the database file and what was being done.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of operation failed.
    public enum Code: String, Sendable {
        /// Opening or creating the database file.
        case open
        /// Creating or upgrading the tables.
        case migrate
        /// A write transaction.
        case write
        /// A read.
        case read
        /// A stored row that collider cannot understand.
        case corrupt
    }

    /// What kind of operation failed.
    public var code: Code
    /// What was being done, e.g. "apply 12 changes".
    public var operation: String
    /// The database file.
    public var path: String
    /// The error SQLite or GRDB reported, if any.
    public var underlying: (any Error)?

    public init(_ code: Code, _ operation: String, path: String, underlying: (any Error)? = nil) {
        self.code = code
        self.operation = operation
        self.path = path
        self.underlying = underlying
    }

    public var description: String {
        let cause = underlying.map { ": \($0)" } ?? ""
        return "sweep store \(path): \(code.rawValue) failed (\(operation))\(cause)"
    }
}
