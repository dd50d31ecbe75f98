/// A data set as the pipeline sees it: the rows kept from the data file, in file order.
public struct Dataset: Sendable, Equatable {
    /// The kept rows; `rows[i].index == i`.
    public var rows: [DatasetRow]
    /// SHA-256 hex of the content actually used (``DatasetFingerprint``): it changes when an input
    /// text, a ground truth, the labels, the criteria or the scale change, and only then.
    public var fingerprint: String
    /// The bad rows left out under `on_bad_row: skip`, one problem per row, in file order.
    public var skipped: [DatasetProblem]
    /// The data file the rows came from.
    public var path: String

    public init(rows: [DatasetRow], fingerprint: String, skipped: [DatasetProblem], path: String) {
        self.rows = rows
        self.fingerprint = fingerprint
        self.skipped = skipped
        self.path = path
    }
}

/// One usable row: its input texts and its integer ground truth per criterion.
public struct DatasetRow: Sendable, Equatable {
    /// Position among the kept rows; splits and minibatches refer to rows by this index.
    public var index: Int
    /// 1-based line number in the data file.
    public var line: Int
    /// The input texts, in `DatasetConfig.inputs` order.
    public var inputs: [String]
    /// Ground truth per criterion: the file's value rounded half-up (decisions 18).
    public var groundTruth: [String: Int]

    public init(index: Int, line: Int, inputs: [String], groundTruth: [String: Int]) {
        self.index = index
        self.line = line
        self.inputs = inputs
        self.groundTruth = groundTruth
    }
}
