/// One generated file, relative to the results folder.
public struct ReportFile: Sendable, Equatable {
    /// E.g. `tables/main.md`.
    public var path: String
    /// The file's text (UTF-8 on disk).
    public var contents: String

    /// Creates a file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
