import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTransport
import Foundation

/// What a worker on another host, without the coordinator's disk, fetches from the coordinator
/// (docs/protocol.md): the sweep's data set when its own copy is missing or differs, and the step
/// records of the runs an analysis depends on, from the coordinator's store.
extension Worker {
    /// How long one request waits for its reply before it is sent again.
    static let replyTimeout = Duration.seconds(30)
    /// How many times a request is sent before the task fails (infra, retryable).
    static let requestAttempts = 4

    /// The folder of fetched data sets: `.datasets/` under the results folder (under `results/`
    /// when none is given).
    nonisolated var datasetCache: DatasetCache {
        DatasetCache(directory: (options.results ?? URL(fileURLWithPath: "results")).appending(path: ".datasets"))
    }

    /// The sweep context of `config` with the data set whose fingerprint is `fingerprint`: the
    /// file at the config's path when it is that data set, else the cached copy, else one fetched
    /// from the coordinator (and cached). Without a fingerprint the config's path is used as is.
    nonisolated func sweepContext(for config: SweepConfig, datasetFingerprint fingerprint: String?) async throws
        -> SweepContext
    {
        guard let fingerprint else { return try SweepContext(config: config) }
        let local = DatasetCache.load(config.dataset, from: config.dataset.path, expecting: fingerprint)
        if let dataset = local.dataset { return try SweepContext(config: config, dataset: dataset) }
        let cache = datasetCache
        if let dataset = cache.cached(config.dataset, fingerprint: fingerprint) {
            return try SweepContext(config: config, dataset: dataset)
        }
        logger.notice(
            "fetching the data set from the coordinator",
            metadata: ["fingerprint": "\(fingerprint)", "local": "\(local.reason)"])
        let bytes = try await fetchDataset(fingerprint)
        let dataset = try cache.store(bytes, config: config.dataset, fingerprint: fingerprint)
        logger.notice(
            "data set fetched", metadata: ["fingerprint": "\(fingerprint)", "bytes": "\(bytes.count)", "file": "\(dataset.path)"])
        return try SweepContext(config: config, dataset: dataset)
    }

    /// The step records of every run `task` depends on, from the coordinator's store; empty for
    /// a run. A dependency the store has no records of is left out (the executor then reads its
    /// folder).
    nonisolated func dependencySteps(for task: SweepTask) async throws -> [String: [StepRecord]] {
        guard task.kind != .run else { return [:] }
        var steps: [String: [StepRecord]] = [:]
        for dependency in task.dependsOn {
            var assembly = StepsAssembly(taskID: dependency)
            while true {
                let request = assembly.nextRequest
                let reply = try await ask(
                    .stepsRequest(request), key: .steps(taskID: request.taskID, afterStep: request.afterStep),
                    subject: "step records of task \(dependency)")
                guard case .steps(let chunk) = reply else { continue }
                if let records = try assembly.accept(chunk) {
                    if !records.isEmpty { steps[dependency] = records }
                    break
                }
            }
        }
        return steps
    }

    /// The data set's file, chunk by chunk, its SHA-256 checked.
    private nonisolated func fetchDataset(_ fingerprint: String) async throws -> Data {
        var assembly = DatasetAssembly(fingerprint: fingerprint)
        while true {
            let request = assembly.nextRequest
            let reply = try await ask(
                .dataRequest(request), key: .data(fingerprint: fingerprint, offset: request.offset),
                subject: "data set \(fingerprint)")
            guard case .data(let chunk) = reply else { continue }
            if case .complete(let bytes) = try assembly.accept(chunk) { return bytes }
        }
    }

    /// Sends `request` and returns the reply with `key`; asks again when none comes in time.
    private nonisolated func ask(_ request: Message, key: PendingReplies.Key, subject: String) async throws -> Message {
        for attempt in 1...Self.requestAttempts {
            try Task.checkCancellation()
            if let reply = await replies.reply(to: key, within: Self.replyTimeout, sending: { await self.send(request) }) {
                return reply
            }
            logger.notice("no reply from the coordinator", metadata: ["request": "\(subject)", "attempt": "\(attempt)"])
        }
        throw DataShippingError(
            .noReply, subject,
            "the coordinator sent no \(request.type == .dataRequest ? "DATA" : "STEPS") reply to \(Self.requestAttempts) "
                + "requests of \(Self.replyTimeout) each; check that it runs and serves this protocol version")
    }
}
