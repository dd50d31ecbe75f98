import Foundation
import GRDB
import Testing

@testable import ColliderCoordinator

/// The store writer's statements bind their values through SQLite's C API (`Database.run`):
/// each kind of value must read back as GRDB would have written it, the empty ones included,
/// and a failing statement must throw with its SQL.
struct StoreStatementTests {
    @Test func everyKindOfValueReadsBackAsWritten() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, text, integer, real, blob)")
            let rows: [[StoreArgument]] = [
                [.integer(1), .text("σ ≈ 0.3, \"quoted\""), .integer(Int64.max), .real(-2.5), .blob(Data([0, 1, 255]))],
                [.integer(2), .text(""), .integer(0), .real(0), .blob(Data())],
                [.integer(3), .text(nil), .null, .real(nil), .null],
                [.integer(4), .text(String(repeating: "long ", count: 1_000)), .integer(-7), .time(Date(timeIntervalSinceReferenceDate: 12.25)), .null],
            ]
            for row in rows { try db.run("INSERT INTO t (n, text, integer, real, blob) VALUES (?, ?, ?, ?, ?)", row) }
        }
        let read = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM t ORDER BY n") }
        #expect(read.count == 4)
        #expect(read[0]["text"] == "σ ≈ 0.3, \"quoted\"")
        #expect(read[0]["integer"] == Int64.max)
        #expect(read[0]["real"] == -2.5)
        #expect(read[0]["blob"] == Data([0, 1, 255]))
        // Empty text and blobs stay empty, not NULL.
        #expect(read[1]["text"] == "")
        #expect(read[1]["blob"] == Data())
        #expect((read[1]["blob"] as DatabaseValue).isNull == false)
        for column in ["text", "integer", "real", "blob"] {
            #expect((read[2][column] as DatabaseValue).isNull, "column \(column)")
        }
        #expect(read[3]["text"] == String(repeating: "long ", count: 1_000))
        #expect(read[3]["real"] == 12.25)
    }

    @Test func aStatementRunsAgainWithNewValues() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, text)")
            for n in 1...100 { try db.run("INSERT INTO t (n, text) VALUES (?, ?)", [.integer(n), .text("row \(n)")]) }
        }
        let texts = try queue.read { db in try String.fetchAll(db, sql: "SELECT text FROM t ORDER BY n") }
        #expect(texts == (1...100).map { "row \($0)" })
    }

    @Test func aFailingStatementThrowsWithItsSQLAndLeavesTheStatementUsable() throws {
        let queue = try DatabaseQueue()
        let insert = "INSERT INTO t (n) VALUES (?)"
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY)")
            try db.run(insert, [.integer(1)])
            do {
                try db.run(insert, [.integer(1)])
                Issue.record("a duplicate key was inserted")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT)
                #expect(error.sql == insert)
                #expect(error.message?.contains("UNIQUE") == true)
            }
            try db.run(insert, [.integer(2)])
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 2)
    }
}
