import Foundation
import GRDB
import Testing

@testable import ColliderCoordinator

struct SweepStoreTests {
    @Test func createsTheFileInWALModeAndReopensIdempotently() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan([runTask("a"), runTask("b", dependsOn: ["a"])], now: at(0))
        #expect(FileManager.default.fileExists(atPath: results.directory.appending(path: "demo/collider.sqlite").path))
        let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")

        let again = try results.open(now: at(100))
        try again.upsertPlan([runTask("a"), runTask("b", dependsOn: ["a"])], now: at(100))
        #expect(try again.countsByState() == ["pending": 2])
        let sweeps = try again.pool.read { try Row.fetchAll($0, sql: "SELECT name, created FROM sweep") }
        #expect(sweeps.count == 1)
        #expect(sweeps.first?["created"] == at(0).timeIntervalSinceReferenceDate)
        let snapshot = try again.loadSnapshot()
        #expect(snapshot.tasks.map(\.task) == [runTask("a"), runTask("b", dependsOn: ["a"])])
    }

    @Test func aReexpandedPlanKeepsTheResultsOfUnchangedIDs() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan([runTask("a"), runTask("b")], now: at(0))
        let result = StoredResult(taskID: "a", lease: LeaseID("L0-a"), worker: w1, payload: Data([1, 2]), costUSD: 0.3, at: at(5))
        try store.apply([
            .task(TaskRecord(task: runTask("a"), status: .done), at: at(5)), .result(result),
        ])
        // The edited config changed b's id into c; a is untouched.
        try store.upsertPlan([runTask("c"), runTask("a")], now: at(10))
        let snapshot = try store.loadSnapshot()
        #expect(snapshot.tasks.map(\.id) == ["c", "a"])
        #expect(snapshot.tasks.map(\.status) == [.pending, .done])
        #expect(try store.result(for: "a") == result)
        #expect(try store.countsByState() == ["pending": 1, "done": 1])
    }

    @Test func aTaskThatLeftThePlanComesBackWithItsStateAndNewEstimate() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan([runTask("a"), runTask("b")], estimatedUSD: ["b": 1], now: at(0))
        try store.apply([.task(TaskRecord(task: runTask("b"), status: .done), at: at(1))])
        try store.upsertPlan([runTask("a")], now: at(2))
        #expect(try store.loadSnapshot().tasks.map(\.id) == ["a"])
        // Unchanged: nothing is written, and the snapshot is the same.
        try store.upsertPlan([runTask("a")], now: at(3))
        #expect(try store.loadSnapshot().tasks.map(\.id) == ["a"])
        try store.upsertPlan([runTask("a"), runTask("b")], estimatedUSD: ["b": 2], now: at(4))
        let snapshot = try store.loadSnapshot()
        #expect(snapshot.tasks.map(\.id) == ["a", "b"])
        #expect(snapshot.tasks.map(\.status) == [.pending, .done])
        #expect(snapshot.tasks.map(\.estimatedUSD) == [0, 2])
    }

    @Test func aFailingBatchLeavesNothingBehind() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan([runTask("a")], now: at(0))
        let batch: [StoreChange] = [
            .task(TaskRecord(task: runTask("a"), status: .leased, lease: LeaseID("L0-a"), worker: w1), at: at(1)),
            .event(SweepEvent(kind: "leased", taskID: "a", at: at(1))),
            .usage(taskID: "a", UsageRecord(role: "task", endpoint: "sim", calls: 1, tokens: 5, dollars: 1), at: at(1)),
            .task(TaskRecord(task: runTask("ghost"), status: .done), at: at(1)),
        ]
        #expect(throws: StoreError.self) { try store.apply(batch) }
        #expect(try store.countsByState() == ["pending": 1])
        #expect(try store.totals().events == 0)
        #expect(try store.totals().dollars == 0)
    }

    @Test func theJournalKeepsTheFirstEntryOfACallKey() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan([runTask("a")], now: at(0))
        try store.apply([
            .journal(taskID: "a", JournalEntry(callKey: "k1", entry: Data("first".utf8))),
            .journal(taskID: "a", JournalEntry(callKey: "k2", entry: Data("step 1".utf8))),
            .checkpoint(taskID: "a", Checkpoint(step: 1, blob: Data("cp1".utf8))),
            .journal(taskID: "a", JournalEntry(callKey: "k3", entry: Data("step 2".utf8))),
        ])
        try store.apply([.journal(taskID: "a", JournalEntry(callKey: "k3", entry: Data("again".utf8)))])
        let resume = try store.resumePoint(for: "a")
        #expect(resume.checkpoint == Checkpoint(step: 1, blob: Data("cp1".utf8)))
        #expect(resume.journal == [JournalEntry(callKey: "k3", entry: Data("step 2".utf8))])
        let none = try store.resumePoint(for: "b")
        #expect(none.checkpoint == nil && none.journal.isEmpty)
    }

    @Test func aSecondResultForATaskBecomesADuplicateWithItsCost() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        try store.upsertPlan([runTask("a")], now: at(0))
        let first = StoredResult(taskID: "a", lease: LeaseID("L0-a"), worker: w1, payload: Data([1]), costUSD: 1, at: at(1))
        var second = first
        second.lease = LeaseID("L1-a")
        second.costUSD = 2
        try store.apply([.result(first)])
        try store.apply([.result(second)])
        #expect(try store.result(for: "a") == first)
        let totals = try store.totals()
        #expect(totals.results == 1 && totals.duplicateResults == 1 && totals.duplicateCostUSD == 2)
    }
}
