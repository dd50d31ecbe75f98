import Foundation

/// What a loaded config is for; it decides whether a missing API key stops the load.
public enum ConfigPurpose: Sendable, Equatable {
    /// `plan`: nothing is sent, so a missing API key is only a warning.
    case dryRun
    /// `run`, `sweep`: requests go out, so a missing API key is a problem.
    case sendsRequests
}

/// A validated sweep config and what the loader noticed on the way.
public struct LoadedConfig: Sendable, Equatable {
    /// The config with defaults filled in, `${VAR}` expanded and `dataset.path` made absolute.
    public var config: SweepConfig
    /// Things that do not stop the sweep but deserve a look (a model without a price, a missing
    /// API key on a dry run), sorted by line.
    public var warnings: [ConfigProblem]
    /// The config file's absolute, standardized path.
    public var path: String

    public init(config: SweepConfig, warnings: [ConfigProblem], path: String) {
        self.config = config
        self.warnings = warnings
        self.path = path
    }

    /// The folder that holds the config file; relative paths in the config are resolved against it.
    public var baseDirectory: String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}
