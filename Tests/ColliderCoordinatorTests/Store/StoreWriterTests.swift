import Foundation
import GRDB
import Synchronization
import Testing

@testable import ColliderCoordinator

/// The store writer against a real SQLite file: commits in order, acknowledges after the commit,
/// and stops at the first failure.
struct StoreWriterTests {
    static func event(_ number: Int) -> StoreChange {
        .event(SweepEvent(kind: "test", detail: "\(number)", at: at(Double(number))))
    }

    /// The `detail` of every event row, in insertion order.
    static func details(_ store: SweepStore) throws -> [String] {
        try store.pool.read { try String.fetchAll($0, sql: "SELECT detail FROM events WHERE kind = 'test' ORDER BY rowid") }
    }

    @Test func batchesCommitInOrderAndAreAcknowledgedOnlyOnceCommitted() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let writer = StoreWriter(store: store)
        // What each acknowledgement saw of the store, through a connection of its own.
        let seen = Mutex<[(batch: Int, rows: Int)]>([])
        let reader = try results.open()
        for batch in 0..<40 {
            try writer.submit([Self.event(2 * batch), Self.event(2 * batch + 1)]) {
                let rows = (try? Self.details(reader).count) ?? -1
                seen.withLock { $0.append((batch, rows)) }
            }
        }
        try writer.waitUntilCommitted()
        #expect(try Self.details(store) == (0..<80).map(String.init))
        let acknowledged = seen.withLock { $0 }
        #expect(acknowledged.map(\.batch) == Array(0..<40))
        for (batch, rows) in acknowledged { #expect(rows >= 2 * batch + 2, "batch \(batch) acknowledged before its commit") }
    }

    @Test func batchesHandedInDuringAWindowCommitTogether() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        // Long enough that the second batch is handed in while the first one's window is open.
        let writer = StoreWriter(store: store, commitWindow: 2)
        let reader = try results.open()
        let seenByFirst = Mutex(-1)
        try writer.submit([Self.event(0)]) { seenByFirst.withLock { $0 = (try? Self.details(reader).count) ?? -1 } }
        try writer.submit([Self.event(1)]) {}
        #expect(try Self.details(reader).isEmpty, "committed before its window closed")
        try writer.waitUntilCommitted()
        #expect(seenByFirst.withLock { $0 } == 2)
    }

    @Test func aWindowClosesWithoutFurtherChanges() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let writer = StoreWriter(store: store, commitWindow: 0.05)
        for number in 0..<3 {
            try writer.submit([Self.event(number)]) {}
            try writer.waitUntilCommitted()
            #expect(try Self.details(store).count == number + 1)
        }
    }

    @Test func aCommitNowFollowsEveryBatchHandedInBeforeIt() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let writer = StoreWriter(store: store)
        for number in 0..<10 { try writer.submit([Self.event(number)]) {} }
        try writer.commitNow([Self.event(10)])
        #expect(try Self.details(store) == (0...10).map(String.init))
    }

    @Test func afterAFailedCommitNothingIsCommittedOrAcknowledgedAndEveryCallThrows() throws {
        let results = TemporaryResults()
        defer { results.remove() }
        let store = try results.open()
        let writer = StoreWriter(store: store)
        let acknowledged = Mutex<[Int]>([])
        try writer.submit([Self.event(0)]) { acknowledged.withLock { $0.append(0) } }
        // Updating a task the store does not have fails the transaction.
        let missing = TaskRecord(task: runTask("not-in-the-store"), status: .leased)
        try writer.submit([Self.event(1), .task(missing, at: at(1))]) { acknowledged.withLock { $0.append(1) } }
        do {
            try writer.submit([Self.event(2)]) { acknowledged.withLock { $0.append(2) } }
        } catch {
            // The failure may already be known when the third batch is handed in.
        }
        #expect(throws: StoreError.self) { try writer.waitUntilCommitted() }
        #expect(throws: StoreError.self) { try writer.submit([Self.event(3)]) {} }
        #expect(throws: StoreError.self) { try writer.commitNow([Self.event(4)]) }
        // Batch 0 was committed alone, or with batch 1 and rolled back with it; acknowledged
        // exactly when committed.
        let committed = try Self.details(store)
        #expect(committed == [] || committed == ["0"])
        #expect(acknowledged.withLock { $0 } == (committed == ["0"] ? [0] : []))
    }
}
