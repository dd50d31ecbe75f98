import Foundation
import GRDB
import Logging
import Testing

@testable import ColliderCoordinator

/// The WAL checkpointer keeps checkpoints out of commits and does them itself, on a real store.
struct WALCheckpointerTests {
    static let logger = Logger(label: "collider.tests.checkpoint")
    /// 20 KB of event detail per commit; 400 commits write 8 MB, two thousand pages.
    static let detail = String(repeating: "x", count: 20_000)
    static let commits = 400
    static let written = commits * detail.utf8.count

    private func fill(_ store: SweepStore) throws {
        for index in 0..<Self.commits {
            try store.apply([.event(SweepEvent(kind: "filler", detail: Self.detail, at: at(Double(index))))])
        }
    }

    private func size(_ url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    @Test func whileItRunsNoCommitCheckpoints() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let checkpointer = try WALCheckpointer(store: store, interval: .seconds(3600), logger: Self.logger)
        try fill(store)
        // SQLite's default would have copied the WAL back at 1,000 pages and started it over.
        #expect(size(URL(filePath: store.path + "-wal")) > Self.written)
        #expect(size(URL(filePath: store.path)) < Self.written / 4)
        try checkpointer.stop()
    }

    @Test func itCheckpointsOnItsOwn() async throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let checkpointer = try WALCheckpointer(store: store, interval: .milliseconds(20), logger: Self.logger)
        try fill(store)
        var waited = 0
        while size(URL(filePath: store.path)) < Self.written, waited < 200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(size(URL(filePath: store.path)) >= Self.written)
        try checkpointer.stop()
    }

    @Test func stopGivesCheckpointsBackToTheWriter() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let checkpointer = try WALCheckpointer(store: store, interval: .seconds(3600), logger: Self.logger)
        let pages = { try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } }
        #expect(try pages() == 0)
        try checkpointer.stop()
        try checkpointer.stop()
        #expect(try pages() == WALCheckpointer.automaticPages)
        try fill(store)
        // Commits copy the WAL back every thousand pages and start it over: it never holds
        // much more than a thousand pages (of 4 KiB, plus a 24-byte frame header each).
        #expect(size(URL(filePath: store.path)) >= Self.written / 2)
        #expect(size(URL(filePath: store.path + "-wal")) < (WALCheckpointer.automaticPages + 50) * (4096 + 24))
    }
}
