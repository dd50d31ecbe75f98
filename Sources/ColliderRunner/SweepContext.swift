import ColliderCore
import ColliderPipeline

/// What every task of a sweep shares: the config, its data set with the sweep's splits, and the
/// expanded task DAG.
public struct SweepContext: Sendable {
    /// The effective config.
    public let config: SweepConfig
    /// The rows and splits every run works on.
    public let data: RunData
    /// The data set's fingerprint (part of every task id).
    public let datasetFingerprint: String
    /// The task DAG in grid order (dependencies before dependants).
    public let tasks: [SweepTask]
    /// The tasks by id.
    public let tasksByID: [String: SweepTask]

    /// Loads `config`'s data set, splits it and expands the grid.
    /// - Throws: `DatasetError` or `SplitError` for bad data.
    public init(config: SweepConfig) throws {
        try self.init(config: config, dataset: try DatasetLoader.load(config.dataset))
    }

    /// Splits `dataset`, already loaded for `config` (perhaps from another file than
    /// `config.dataset.path`, e.g. a worker's copy fetched from the coordinator), and expands the grid.
    /// - Throws: `SplitError` for bad splits.
    public init(config: SweepConfig, dataset: Dataset) throws {
        let splits = try Splits.make(
            rowCount: dataset.rows.count, split: config.dataset.split, validationSize: config.pipeline.validationSize)
        self.config = config
        data = RunData(dataset: dataset, splits: splits)
        datasetFingerprint = dataset.fingerprint
        tasks = GridExpander.tasks(for: config, datasetFingerprint: dataset.fingerprint)
        tasksByID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The task whose id is `idOrPrefix` or the only one that starts with it.
    public func task(matching idOrPrefix: String) -> SweepTask? {
        if let exact = tasksByID[idOrPrefix] { return exact }
        let matches = tasks.filter { $0.id.hasPrefix(idOrPrefix) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// `task` and every task it depends on, directly or not, in sweep order (dependencies first).
    public func withDependencies(_ task: SweepTask) -> [SweepTask] {
        var needed: Set<String> = [task.id]
        var pending = task.dependsOn
        while let id = pending.popLast() {
            guard needed.insert(id).inserted, let dependency = tasksByID[id] else { continue }
            pending += dependency.dependsOn
        }
        return tasks.filter { needed.contains($0.id) }
    }
}
