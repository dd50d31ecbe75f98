import ColliderCore
import ColliderRunner
import ColliderReport
import Foundation
import Logging
import Synchronization

/// Keeps a results folder's tables, plots and `report.html` current while a sweep runs: a task
/// that ends marks the report stale, and a stale report is rebuilt at most once per `interval`
/// (and once more at the end) on a thread of its own, exactly as `collider report` builds it, so
/// the coordinator's core queue never waits for it. The thread runs at a lower scheduling
/// priority (nice 10): a rebuild reads every result of the sweep, and on a busy host it must take
/// spare cycles, not the dispatch path's.
final class ReportRefresher: Sendable {
    private let directory: URL
    private let fallback: SweepConfig
    private let logger: Logger
    /// Rebuilds at most this often.
    let interval: Duration
    private let stale = Mutex(false)
    /// One rebuild at a time.
    private let building = Mutex(())
    /// The nice value of the rebuild threads.
    static let niceness: Int32 = 10

    /// Rebuilds the report of `sweep` in `directory`; the sweep's expanded plan is handed to the
    /// report's loader, which would otherwise expand it again for every rebuild.
    init(directory: URL, sweep: SweepContext, interval: Duration, logger: Logger) {
        ResultsLoader.remember(sweep.tasks, config: sweep.config, fingerprint: sweep.datasetFingerprint)
        self.directory = directory
        self.fallback = sweep.config
        self.interval = interval
        self.logger = logger
    }

    /// A task ended: the report is stale.
    func taskEnded() {
        stale.withLock { $0 = true }
    }

    /// Rebuilds the report every `interval` while it is stale, until cancelled.
    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if stale.withLock({ value in defer { value = false }; return value }) { await rebuild() }
        }
    }

    /// Rebuilds the report now (after any rebuild in progress); a failure is logged, not thrown:
    /// the sweep goes on, and `collider report` names the problem.
    func rebuild() async {
        let directory = directory
        let fallback = fallback
        let logger = logger
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.startNamed("report-rebuild") {
                ThreadNiceness.set(Self.niceness)
                self.building.withLock { _ in
                    do {
                        _ = try ReportWriter.generate(
                            directory: directory, environment: ProcessInfo.processInfo.environment, fallback: fallback)
                    } catch {
                        logger.warning("report not refreshed", metadata: ["error": "\(error)"])
                    }
                }
                continuation.resume()
            }
        }
    }
}
