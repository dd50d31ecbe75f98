/// What is wrong with one line of a data file. It is thrown per line while reading; the loader
/// collects them into a ``DatasetError`` or ``Dataset/skipped``.
public struct DatasetProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of bad row the reader recognises.
    public enum Kind: String, Sendable, Equatable {
        case invalidJSON
        case notAnObject
        case missingInput
        case inputNotText
        case emptyInput
        case missingCriterion
        case notANumber
        case outsideScale
    }

    /// The data file.
    public var path: String
    /// 1-based line number.
    public var line: Int
    /// What kind of problem it is.
    public var kind: Kind
    /// The field at fault; nil when the whole line is unusable.
    public var field: String?
    /// What is wrong, e.g. `criterion "fluency" is 7, outside the scale 1…5`.
    public var detail: String

    public init(path: String, line: Int, kind: Kind, field: String?, detail: String) {
        self.path = path
        self.line = line
        self.kind = kind
        self.field = field
        self.detail = detail
    }

    /// `path:line: detail`.
    public var description: String { "\(path):\(line): \(detail)" }
}
