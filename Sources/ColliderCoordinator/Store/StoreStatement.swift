import Foundation
import GRDB
import GRDBSQLite

/// A value for one parameter of a store statement.
enum StoreArgument {
    case text(String)
    case integer(Int64)
    case real(Double)
    case blob(Data)
    case null

    static func text(_ value: String?) -> Self { value.map { .text($0) } ?? .null }
    static func integer(_ value: Int) -> Self { .integer(Int64(value)) }
    static func real(_ value: Double?) -> Self { value.map { .real($0) } ?? .null }
    static func time(_ value: Date) -> Self { .real(value.timeIntervalSinceReferenceDate) }
}

extension Database {
    /// Runs the cached statement `sql` once with `arguments` bound through SQLite's C API. The
    /// store writer runs thousands of statements a second, and GRDB's `StatementArguments` (an
    /// array of existentials, each converted and bound through closures) cost about a third of
    /// each (`collider bench store`, docs/benchmarks.md). For statements that return no rows.
    func run(_ sql: String, _ arguments: [StoreArgument]) throws {
        let handle = try cachedStatement(sql: sql).sqliteStatement
        // Reset after every run, failed or not, so that the next one starts afresh. The values
        // need no clearing: SQLite copied them (`transient`).
        defer { sqlite3_reset(handle) }
        for (offset, argument) in arguments.enumerated() {
            let code = Self.bind(argument, to: handle, at: CInt(offset + 1))
            guard code == SQLITE_OK else { throw failure(code, sql: sql) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code, sql: sql) }
    }

    private func failure(_ code: CInt, sql: String) -> DatabaseError {
        let message = sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }

    /// SQLite copies the value before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func bind(_ argument: StoreArgument, to handle: OpaquePointer, at index: CInt) -> CInt {
        switch argument {
        case .text(var text):
            return text.withUTF8 { utf8 in
                // An empty buffer may have no address, which SQLite would store as NULL.
                guard let start = utf8.baseAddress, !utf8.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
                let characters = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
                return sqlite3_bind_text(handle, index, characters, CInt(utf8.count), transient)
            }
        case .integer(let value):
            return sqlite3_bind_int64(handle, index, value)
        case .real(let value):
            return sqlite3_bind_double(handle, index, value)
        case .blob(let data):
            guard !data.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, CInt($0.count), transient) }
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }
}
