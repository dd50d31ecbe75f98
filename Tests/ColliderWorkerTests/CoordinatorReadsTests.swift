import ColliderCoordinator
import ColliderRunner
import ColliderTesting
import Dispatch
import Foundation
import Testing

@testable import ColliderCoordinatorService

/// Status and progress read the store beside the core queue: a scan of the sweep's tables (the
/// progress display asks every second) must not wait for the commits of the dispatch path, nor
/// hold them up.
struct CoordinatorReadsTests {
    @Test func statusAndProgressAnswerWhileTheCoreIsBusy() async throws {
        let fixtures = try SweepFixtures(modes: "SSS, CCC")
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: fixtures.config())
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            logger: SweepFixtures.logger, reportInterval: nil)
        // The core queue is held until the reads are done (or 20 s have passed).
        let release = DispatchSemaphore(value: 0)
        let held = DispatchSemaphore(value: 0)
        let busy = Task {
            try await service.core.with { _ in
                held.signal()
                _ = release.wait(timeout: .now() + 20)
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                held.wait()
                continuation.resume()
            }
        }
        let started = Date()
        let status = try await service.status()
        let waited = Date().timeIntervalSince(started)
        release.signal()
        try await busy.value
        #expect(waited < 10, "the reads waited \(waited) s for the core")
        #expect(status.counts["pending", default: 0] == sweep.tasks.count)
        // Once the core is free, the progress sample (whose leases come from it) agrees.
        let progress = try await service.progress()
        #expect(progress.counts == status.counts && progress.running.isEmpty)
        await service.router.close()
    }
}
