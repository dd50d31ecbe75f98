import ColliderCore
import Foundation

/// Where a worker keeps the data sets it fetched from the coordinator, one file per fingerprint:
/// `<results>/.datasets/<fingerprint>.jsonl`. A file is only kept once its fingerprint checked out,
/// and every use checks it again.
struct DatasetCache: Sendable {
    /// The cache folder.
    let directory: URL

    /// The cached file of the data set `fingerprint`.
    func file(for fingerprint: String) -> URL {
        let safe = fingerprint.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return directory.appending(path: String(safe) + ".jsonl")
    }

    /// `config`'s data set read from `path` when it loads and its fingerprint is `fingerprint`;
    /// otherwise nil and the reason.
    static func load(
        _ config: DatasetConfig, from path: String, expecting fingerprint: String
    ) -> (dataset: Dataset?, reason: String) {
        var config = config
        config.path = path
        do {
            let dataset = try DatasetLoader.load(config)
            guard dataset.fingerprint == fingerprint else {
                return (nil, "\(path) holds data set \(dataset.fingerprint), not \(fingerprint)")
            }
            return (dataset, "")
        } catch {
            return (nil, error.description)
        }
    }

    /// The cached copy of the data set `fingerprint`, nil when there is none that checks out.
    func cached(_ config: DatasetConfig, fingerprint: String) -> Dataset? {
        let url = file(for: fingerprint)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return Self.load(config, from: url.path, expecting: fingerprint).dataset
    }

    /// Checks that `bytes`, read as `config`'s data file, is the data set `fingerprint`; keeps it
    /// in the cache and returns it.
    /// - Throws: `DataShippingError` with code `fingerprintMismatch` when it is another data set
    ///   or does not load; an error of the file system when it cannot be written.
    func store(_ bytes: Data, config: DatasetConfig, fingerprint: String) throws -> Dataset {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let final = file(for: fingerprint)
        // Written beside the final name and renamed over it, so a worker sharing this folder
        // never reads half a file.
        let temporary = directory.appending(path: ".\(UUID().uuidString).partial")
        try bytes.write(to: temporary)
        let (loaded, reason) = Self.load(config, from: temporary.path, expecting: fingerprint)
        guard var dataset = loaded else {
            try? FileManager.default.removeItem(at: temporary)
            throw DataShippingError(
                .fingerprintMismatch, "data set \(fingerprint)",
                "the \(bytes.count) bytes the coordinator sent are not that data set (\(reason)); "
                    + "the coordinator and this worker disagree on the config's dataset section")
        }
        guard rename(temporary.path, final.path) == 0 else {
            let code = POSIXErrorCode(rawValue: errno) ?? .EIO
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path, NSUnderlyingErrorKey: POSIXError(code)])
        }
        dataset.path = final.path
        return dataset
    }
}
