import Foundation

/// What `collider report` did: the files it wrote and the tasks it could not use.
public struct ReportOutcome: Sendable, Equatable, Codable {
    /// The sweep's name.
    public var sweep: String
    /// Paths written, relative to the results folder, in order.
    public var files: [String]
    /// Cells of the grid.
    public var cells: Int
    /// Runs with at least one evaluated step on record.
    public var runsWithRecords: Int
    /// Missing, failed and unfinished tasks, sorted.
    public var problems: [RunProblem]

    enum CodingKeys: String, CodingKey {
        case sweep, files, cells, problems
        case runsWithRecords = "runs_with_records"
    }
}

/// Writes a report into its results folder.
public enum ReportWriter {
    /// Tables the report may write; one of these that the current inputs no longer produce (say,
    /// after an analysis result was removed) is deleted, as is any `plots/trajectory_*.svg` of a
    /// cell no longer in the grid and any `plots/specificity_*.svg` of a backbone × gate without
    /// specificity results. Nothing else in the folder is touched.
    static let ownedTables = ["main", "per_step", "per_criterion", "paired", "cost", "cherry_pick", "diagnostics", "paper_comparison"]
        .flatMap { name in ["md", "csv", "json"].map { "tables/\(name).\($0)" } }

    /// Loads `directory` (config from its `sweep.yaml`, else `configPath`), builds every table,
    /// plot and the page, and writes them; a file whose bytes are unchanged is not rewritten, and
    /// stale report files are removed, so the folder's report depends only on its records.
    public static func generate(directory: URL, configPath: String? = nil, environment: [String: String])
        throws(ReportError) -> ReportOutcome
    {
        let input = try ResultsLoader.load(directory: directory, configPath: configPath, environment: environment)
        let report = Report(input: input)
        let files = try report.files()
        for file in files {
            let url = directory.appending(path: file.path)
            let data = Data(file.contents.utf8)
            if (try? Data(contentsOf: url)) == data { continue }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw ReportError(.write, path: url.path, underlying: error.localizedDescription)
            }
        }
        try removeStale(in: directory, keeping: Set(files.map(\.path)))
        return ReportOutcome(
            sweep: input.config.name, files: files.map(\.path), cells: report.cells.count,
            runsWithRecords: input.runs.count, problems: input.problems)
    }

    private static func removeStale(in directory: URL, keeping current: Set<String>) throws(ReportError) {
        let plots = (try? FileManager.default.contentsOfDirectory(atPath: directory.appending(path: "plots").path)) ?? []
        let ownedPlots = plots.filter { ($0.hasPrefix("trajectory_") || $0.hasPrefix("specificity_")) && $0.hasSuffix(".svg") }
        let owned = ownedTables + ownedPlots.map { "plots/\($0)" }
        for path in owned where !current.contains(path) {
            let url = directory.appending(path: path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw ReportError(.write, path: url.path, underlying: error.localizedDescription)
            }
        }
    }
}
