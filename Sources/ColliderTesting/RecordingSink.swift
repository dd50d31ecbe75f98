import ColliderPipeline
import Synchronization

/// A `RunRecordSink` that keeps every event in memory, in order.
public final class RecordingSink: RunRecordSink {
    private let log = Mutex<[RunEvent]>([])

    public init() {}

    public func emit(_ event: RunEvent) async throws {
        log.withLock { $0.append(event) }
    }

    /// Every event so far.
    public var events: [RunEvent] {
        log.withLock { $0 }
    }

    /// The step records so far.
    public var steps: [StepRecord] {
        events.compactMap { if case .step(let record) = $0 { record } else { nil } }
    }

    /// The test items by evaluated step.
    public var evaluations: [Int: [EvalItemRecord]] {
        var result: [Int: [EvalItemRecord]] = [:]
        for case .evaluation(let step, let items) in events { result[step] = items }
        return result
    }

    /// The checkpoints so far.
    public var checkpoints: [RunCheckpoint] {
        events.compactMap { if case .checkpoint(let checkpoint) = $0 { checkpoint } else { nil } }
    }

    /// The summary, once emitted.
    public var summary: RunSummary? {
        events.compactMap { if case .summary(let summary) = $0 { summary } else { nil } }.last
    }
}
