import Foundation
import Logging
import Testing

@testable import ColliderCoordinator

struct StoreRecoveryTests {
    static let tasks = [runTask("a"), runTask("b"), runTask("c", dependsOn: ["a"]), runTask("d", dependsOn: ["b"])]

    static func core(_ results: TemporaryResults, now: Date) throws -> CoordinatorCore {
        try CoordinatorCore(
            store: try results.open(now: now), tasks: tasks, policy: SchedulerPolicy(),
            budget: FleetBudget(limits: [:]), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), now: now)
    }

    @Test func reopeningLoadsExactlyWhatWasCommitted() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        var core = try Self.core(results, now: at(0))
        _ = try core.handle(.workerHello(w1, incarnation: "i1", slots: 3, heldLeases: [], now: at(0)))
        let granted = try core.handle(.credit(w1, count: 3, now: at(0))).granted
        #expect(granted.map(\.taskID) == ["a", "b"])
        _ = try core.handle(.progress(w1, granted[0].lease, progress(0, calls: 4, dollars: 0.125), now: at(1)))
        _ = try core.handle(.result(w1, granted[0].lease, resultReport(dollars: 0.25), now: at(2)))
        _ = try core.handle(.fail(w1, granted[1].lease, .infra, retryable: true, reason: "503", now: at(3)))

        // A second process opens the same file without the first one closing it.
        let reopened = try results.open(now: at(4))
        let loaded = try reopened.loadSnapshot()
        let live = core.scheduler
        #expect(loaded.tasks == Self.tasks.map { live.tasks[$0.id]! })
        #expect(loaded.leaseTasks == live.leaseTasks)
        #expect(loaded.leaseCount == live.nextLeaseNumber)
        #expect(loaded.spentUSD == live.spentUSD)
        #expect(loaded.tasks.map(\.status.name) == ["done", "pending", "leased", "pending"])
        #expect(loaded.tasks[1].attempt == 1 && loaded.tasks[1].nextEligibleAt == at(5))
    }

    @Test func aRestartedCoordinatorReconcilesAndResumesFromTheCheckpoint() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        var core = try Self.core(results, now: at(0))
        _ = try core.handle(.workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [], now: at(0)))
        let lease = try #require(try core.handle(.credit(w1, count: 1, now: at(0))).granted.first).lease
        let report = ProgressReport(
            sequence: 0, stage: "optimizer", step: 2, calls: 10,
            checkpoint: Checkpoint(step: 2, blob: Data("state".utf8)),
            journal: [JournalEntry(callKey: "k2", entry: Data("reply".utf8))])
        let acked = try core.handle(.progress(w1, lease, report, now: at(1)))
        #expect(acked == [.ack(w1, lease, .progress(sequence: 0))])
        try core.store.apply([.journal(taskID: "a", JournalEntry(callKey: "k3", entry: Data("after".utf8)))])

        // The coordinator dies; a new one opens the store and waits for w1.
        var restarted = try Self.core(results, now: at(10))
        #expect(restarted.scheduler.count("unknown") == 1)
        #expect(try restarted.resumePoint(for: "a").journal.map(\.callKey) == ["k3"])
        let hello = try restarted.handle(
            .workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [HeldLease(lease: lease, taskID: "a")], now: at(11)))
        #expect(hello.cancels.isEmpty)
        let done = try restarted.handle(.result(w1, lease, resultReport(), now: at(12)))
        #expect(done.contains(.ack(w1, lease, .result)))
        #expect(try restarted.store.countsByState()["done"] == 1)
    }

    @Test func nothingIsSentWhenTheCommitFails() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        var core = try Self.core(results, now: at(0))
        _ = try core.handle(.workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [], now: at(0)))
        // Sabotage: the row the lease must update is gone, so the commit fails.
        try core.store.pool.write { try $0.execute(sql: "DELETE FROM tasks WHERE id = 'a'") }
        #expect(throws: StoreError.self) { try core.handle(.credit(w1, count: 1, now: at(1))) }
        #expect(try core.store.totals().events == 1)  // the HELLO only
    }

    @Test func aHundredThousandEventsReopenAndLoad() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan((0..<1_000).map { runTask("t\($0)") }, now: at(0))
        let start = ContinuousClock.now
        for batch in 0..<100 {
            try store.apply((0..<1_000).map { index in
                .event(SweepEvent(kind: "progress", taskID: "t\(index)", worker: w1, detail: "batch \(batch)", at: at(Double(batch))))
            })
        }
        let written = ContinuousClock.now - start
        let reopened = try results.open(now: at(200))
        let snapshot = try reopened.loadSnapshot()
        let loaded = ContinuousClock.now - start - written
        #expect(snapshot.tasks.count == 1_000)
        #expect(try reopened.totals().events == 100_000)
        // A note, not an assertion: timings depend on the machine.
        print("note: 100,000 events written in \(written) (100 transactions), reopened and loaded in \(loaded)")
    }

    /// Leases leave before their commit, so a coordinator that died may have sent leases the store
    /// never saw: a restarted one numbers its leases past any of theirs.
    @Test func aRestartedCoordinatorNumbersNewLeasesPastUncommittedOnes() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        var core = try Self.core(results, now: at(0))
        _ = try core.handle(.workerHello(w1, incarnation: "i1", slots: 1, heldLeases: [], now: at(0)))
        #expect(try core.handle(.credit(w1, count: 1, now: at(0))).granted.map(\.lease) == [LeaseID("L0-a")])

        var restarted = try Self.core(results, now: at(10))
        _ = try restarted.handle(.workerHello(w2, incarnation: "i1", slots: 1, heldLeases: [], now: at(11)))
        let granted = try restarted.handle(.credit(w2, count: 1, now: at(11))).granted
        #expect(granted.map(\.lease) == [LeaseID("L\(1 + StoreWriter.leaseNumberGap)-b")])
    }
}
