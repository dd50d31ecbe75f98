/// A sweep config that cannot be used, with every problem found in it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// All problems, sorted by line and column.
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems.sortedByPlace()
    }

    /// One problem per line, in file order.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
