/// One thing wrong with a sweep config, at the place in the file where it is.
///
/// `description` reads like a compiler diagnostic, `<file>:<line>:<col>: <keyPath>: <message>`, and
/// the message says both what is wrong and how to fix it.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// The config file as the user named it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    /// Where in the document, e.g. `pipeline.steps` or `grid.modes[2]`; `(syntax)` for a YAML
    /// syntax error, `(root)` for the document as a whole, `(file)` when the file cannot be read.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int, column: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(keyPath): \(message)" }
}

extension [ConfigProblem] {
    /// In file order; problems at the same place keep the order they were found in.
    func sortedByPlace() -> [ConfigProblem] {
        enumerated()
            .sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }
            .map(\.element)
    }
}
