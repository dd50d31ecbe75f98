import Foundation
import GRDB
import Logging
import Testing

@testable import ColliderCoordinator

/// The WAL checkpointer copies the WAL into the database beside the commits, and the WAL stays
/// bounded while it runs, on a real store.
struct WALCheckpointerTests {
    static let logger = Logger(label: "collider.tests.checkpoint")
    /// 20 KB of event detail per commit: five pages.
    static let detail = String(repeating: "x", count: 20_000)
    /// SQLite's automatic checkpoint threshold, in pages (of 4 KiB, plus a 24-byte frame header).
    static let automaticPages = 1000

    private func fill(_ store: SweepStore, commits: Int) throws {
        for index in 0..<commits {
            try store.apply([.event(SweepEvent(kind: "filler", detail: Self.detail, at: at(Double(index))))])
        }
    }

    private func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Waits (at most 10 s) until `condition` holds.
    private func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
        return condition()
    }

    @Test func itCopiesTheWALBeforeTheWriterWould() async throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let checkpointer = try WALCheckpointer(store: store, interval: .milliseconds(10), logger: Self.logger)
        defer { checkpointer.stop() }
        // 100 commits of five pages: half the writer's threshold, so the writer copies nothing.
        try fill(store, commits: 100)
        let written = 100 * Self.detail.utf8.count
        #expect(try await eventually { size(store.path) >= written })

        let control = TemporaryResults()
        defer { control.remove() }
        let alone = try control.open()
        try fill(alone, commits: 100)
        try await Task.sleep(for: .milliseconds(200))
        #expect(size(alone.path) < written / 2)
    }

    @Test func theWALStaysBoundedUnderContinuousWrites() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let checkpointer = try WALCheckpointer(store: store, interval: .milliseconds(10), logger: Self.logger)
        defer { checkpointer.stop() }
        // 32 MB, eight thousand pages, written as fast as the store takes them. The writer's own
        // checkpoints start the WAL over; one that finds the checkpointer busy is skipped, so the
        // WAL may run somewhat past the threshold, but not with the writes.
        try fill(store, commits: 1600)
        #expect(size(store.path + "-wal") < 3 * Self.automaticPages * (4096 + 24))
        #expect(size(store.path) >= 1600 * Self.detail.utf8.count / 2)
    }

    @Test func stoppingTwiceIsHarmless() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let checkpointer = try WALCheckpointer(store: store, interval: .milliseconds(10), logger: Self.logger)
        checkpointer.stop()
        checkpointer.stop()
        try fill(store, commits: 2)
    }
}
