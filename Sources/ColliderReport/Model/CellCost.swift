import ColliderCore

/// What a cell's runs cost and how often their calls failed, from the runs' `summary.json`.
public struct CellCost: Sendable, Equatable, Codable {
    /// Run summaries read (runs without one are not counted).
    public var runs = 0
    /// Dollars over those runs.
    public var dollars = 0.0
    /// Failed calls, every failure class summed.
    public var failures = 0
    /// Task replies that did not parse.
    public var parseFailures = 0
    /// Re-sampled calls over every role.
    public var resamples = 0

    /// No runs yet.
    public init() {}

    /// Adds one run's summary figures.
    mutating func add(dollars: Double, failures: Int, parseFailures: Int, resamples: Int) {
        runs += 1
        self.dollars += dollars
        self.failures += failures
        self.parseFailures += parseFailures
        self.resamples += resamples
    }

    enum CodingKeys: String, CodingKey {
        case runs, dollars, failures, resamples
        case parseFailures = "parse_failures"
    }
}
