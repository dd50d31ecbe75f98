import ColliderTesting
import ColliderTransport
import Foundation
import Testing

@testable import ColliderWorker

/// CANCEL names the lease it cancels: a task the coordinator re-leased to the same worker keeps
/// running when a cancel of its older lease arrives (the older lease's PROGRESS reached the
/// coordinator after the re-lease, and was answered with CANCEL).
struct CancelTests {
    static func worker() -> Worker {
        Worker(
            options: WorkerOptions(
                connect: "tcp://127.0.0.1:1", workerID: "w",
                results: FileManager.default.temporaryDirectory.appending(path: "collider-cancel-\(UUID().uuidString)"),
                environment: [:]),
            logger: SweepFixtures.logger)
    }

    static func cancel(_ lease: String?) -> Envelope {
        Envelope(msgID: 1, message: .cancel(Cancel(taskID: "t", leaseID: lease, reason: "test")))
    }

    @Test func aCancelOfAnOlderLeaseLeavesTheExecutionUnderTheNewOneRunning() async {
        let worker = Self.worker()
        let execution = await worker.pretendRunning(taskID: "t", leaseID: "L2")
        await worker.handle(Self.cancel("L1"))
        #expect(await worker.runningLease("t") == "L2")
        #expect(!execution.isCancelled)
        await worker.handle(Self.cancel("L2"))
        #expect(await worker.runningLease("t") == nil)
        #expect(execution.isCancelled)
    }

    /// A worker cut off from the coordinator for longer than a lease's TTL stops the task: the
    /// coordinator has leased it again elsewhere. A lease with a longer TTL keeps running.
    @Test func aLeaseOutlivedByTheCoordinatorsSilenceIsAbandoned() async {
        let worker = Self.worker()
        let short = await worker.pretendRunning(taskID: "t", leaseID: "L1", ttl: .seconds(3))
        let long = await worker.pretendRunning(taskID: "u", leaseID: "L2", ttl: .seconds(30))
        await worker.abandonLapsedLeases()
        #expect(await worker.runningLease("t") == "L1" && !short.isCancelled)
        await worker.pretendSilence(since: .now - .seconds(4))
        await worker.abandonLapsedLeases()
        #expect(await worker.runningLease("t") == nil && short.isCancelled)
        #expect(await worker.runningLease("u") == "L2" && !long.isCancelled)
        long.cancel()
    }

    /// The HELLO a worker says after 5 s of silence does not restart the silence: a lease with a
    /// longer TTL still lapses once the coordinator has been silent for that long.
    @Test func aHelloIntoTheSilenceDoesNotRenewALease() async {
        let worker = Self.worker()
        let execution = await worker.pretendRunning(taskID: "t", leaseID: "L1", ttl: .seconds(8))
        await worker.pretendSilence(since: .now - .seconds(6))
        await worker.beat()  // past the 5 s coordinator silence: HELLO again
        #expect(await worker.runningLease("t") == "L1" && !execution.isCancelled)
        await worker.pretendTimePassed(.seconds(3))
        await worker.abandonLapsedLeases()
        #expect(await worker.runningLease("t") == nil && execution.isCancelled)
    }

    /// A TASK without a positive TTL gives the worker nothing to measure silence against: its
    /// execution is never abandoned.
    @Test func aLeaseWithoutATTLIsNeverAbandoned() async {
        let worker = Self.worker()
        let execution = await worker.pretendRunning(taskID: "t", leaseID: "L1", ttl: nil)
        await worker.pretendSilence(since: .now - .seconds(3_600))
        await worker.abandonLapsedLeases()
        #expect(await worker.runningLease("t") == "L1" && !execution.isCancelled)
        execution.cancel()
    }

    @Test func aCancelWithoutALeaseStopsTheTaskUnderAnyLease() async {
        let worker = Self.worker()
        let execution = await worker.pretendRunning(taskID: "t", leaseID: "L7")
        await worker.handle(Self.cancel(nil))
        #expect(await worker.runningLease("t") == nil)
        #expect(execution.isCancelled)
    }
}

extension Worker {
    /// Records an execution of `taskID` under `leaseID` that only waits to be cancelled.
    fileprivate func pretendRunning(taskID: String, leaseID: String, ttl: Duration? = .seconds(60)) -> Task<Void, Never> {
        let handle = Task<Void, Never> { _ = try? await Task.sleep(for: .seconds(60)) }
        running[taskID] = Running(
            token: UUID(), leaseID: leaseID, lapsesAfter: ttl, handle: handle, step: 0, lastReport: .now)
        return handle
    }

    fileprivate func pretendSilence(since: ContinuousClock.Instant) { lastHeard = since }

    /// Moves every clock reading this worker keeps `duration` into the past.
    fileprivate func pretendTimePassed(_ duration: Duration) {
        lastHeard -= duration
        introducedAt -= duration
    }

    fileprivate func runningLease(_ taskID: String) -> String? { running[taskID]?.leaseID }
}
