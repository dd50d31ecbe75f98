import ColliderCore
import Foundation
import Testing

@testable import ColliderCoordinator

/// `collider status` from a store: per cell, per worker, suspect leases and failures, read-only.
struct StoreStatusTests {
    static func cccTask(_ id: String) -> SweepTask {
        SweepTask(id: id, kind: .run, backbone: "qwen3", mode: .CCC, gate: .mae, seed: 1, criterion: nil, dependsOn: [])
    }

    /// a done by w1, b failed, c leased by w2 and suspect, d leased by w1 and cleared, e pending (CCC).
    static func populate(_ store: SweepStore) throws {
        try store.upsertPlan(
            [runTask("a"), runTask("b", seed: 2), runTask("c", seed: 3), runTask("d", seed: 4), cccTask("e")], now: at(0))
        let usage = { (task: String, calls: Int, dollars: Double) in
            StoreChange.usage(
                taskID: task, UsageRecord(role: "all", endpoint: "all", calls: calls, tokens: calls * 100, dollars: dollars),
                at: at(2))
        }
        try store.apply([
            .task(TaskRecord(task: runTask("a"), status: .done), at: at(5)),
            .result(StoredResult(taskID: "a", lease: LeaseID("L1"), worker: w1, payload: Data(), costUSD: 0.5, at: at(5))),
            .task(
                TaskRecord(task: runTask("b", seed: 2), status: .failed(.config, reason: "HTTP 401 from sim"), attempt: 2),
                at: at(5)),
            .task(TaskRecord(task: runTask("c", seed: 3), status: .leased, lease: LeaseID("L3"), worker: w2), at: at(5)),
            .task(TaskRecord(task: runTask("d", seed: 4), status: .leased, lease: LeaseID("L4"), worker: w1), at: at(5)),
            .event(SweepEvent(kind: "suspect", taskID: "c", worker: w2, lease: LeaseID("L3"), at: at(6))),
            .event(SweepEvent(kind: "suspect", taskID: "d", worker: w1, lease: LeaseID("L4"), at: at(6))),
            .event(SweepEvent(kind: "suspect_cleared", taskID: "d", worker: w1, lease: LeaseID("L4"), at: at(7))),
            usage("a", 10, 0.5), usage("c", 5, 0.25), usage("e", 1, 0.125),
        ])
    }

    @Test func theStoreReportsCellsWorkersSuspectsAndFailures() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        try Self.populate(try results.open())
        let report = try SweepStore(readingAt: results.databaseURL).statusReport()
        #expect(report.sweep == "demo" && report.source == .store)
        #expect(report.counts == ["done": 1, "failed": 1, "leased": 2, "pending": 1])
        #expect(report.calls == 16 && report.tokens == 1_600 && report.dollars == 0.875)
        #expect(report.cells.map(\.mode) == ["CCC", "SSS"])
        #expect(report.cells.map(\.counts) == [["pending": 1], ["done": 1, "failed": 1, "leased": 2]])
        #expect(report.cells.map(\.calls) == [1, 15] && report.cells.map(\.dollars) == [0.125, 0.75])
        #expect(report.workers == [
            StatusReport.Worker(worker: "w1", counts: ["done": 1, "leased": 1], connected: nil),
            StatusReport.Worker(worker: "w2", counts: ["leased": 1], connected: nil),
        ])
        #expect(report.suspect.map(\.task) == ["c"])
        #expect(report.suspect.first?.label == runTask("c", seed: 3).label)
        #expect(report.failures.map { "\($0.task) \($0.failureClass ?? "-") \($0.attempt) \($0.reason ?? "")" } == [
            "b config 2 HTTP 401 from sim"
        ])
        let text = StatusText.render(report, now: at(60))
        #expect(text.contains("sweep demo (from the store): pending 1, leased 2, done 1, failed 1"), "\(text)")
        #expect(text.contains("qwen3/SSS/mae/seed 2 failed [config] after 3 attempt(s): HTTP 401 from sim"), "\(text)")
    }

    @Test func readingNeverCreatesOrWritesAStore() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        #expect(throws: StoreError.self) { try SweepStore(readingAt: results.databaseURL) }
        #expect(!FileManager.default.fileExists(atPath: results.databaseURL.path))
        try Self.populate(try results.open())
        let reader = try SweepStore(readingAt: results.databaseURL)
        #expect(throws: StoreError.self) { try reader.upsertPlan([runTask("z")], now: at(9)) }
        #expect(try reader.countsByState()["pending"] == 1)
    }

    @Test func aReportSurvivesJSON() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        try Self.populate(try results.open())
        let report = try SweepStore(readingAt: results.databaseURL).statusReport()
        let json = try StatusReport.encoder.encode(report)
        #expect(try JSONDecoder().decode(StatusReport.self, from: json) == report)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"failure_class\" : \"config\""), "\(text)")
    }
}
