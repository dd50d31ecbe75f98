import ColliderCore
import ColliderTransport
import Foundation

/// Reassembles a data set's file from `DATA` chunks (docs/protocol.md), without I/O: it says
/// which offset to ask for next, checks every chunk against its request and the chunks before,
/// and checks the whole file's SHA-256 at the end. Any reply that does not fit throws a
/// `DataShippingError`; nothing traps.
struct DatasetAssembly: Sendable {
    /// What the next step is.
    enum Step: Equatable {
        /// Ask for the bytes from `offset` on.
        case request(DataRequest)
        /// The file is whole and its SHA-256 matches.
        case complete(Data)
    }

    /// The data set's fingerprint, from the lease.
    let fingerprint: String
    /// The largest file accepted (default 4 GiB), so a garbled size cannot claim all memory.
    let maxBytes: Int
    private var received = Data()
    private var announced: (total: Int, sha256: String)?

    init(fingerprint: String, maxBytes: Int = 4 << 30) {
        self.fingerprint = fingerprint
        self.maxBytes = maxBytes
    }

    private var subject: String { "data set \(fingerprint)" }

    /// The request to send next.
    var nextRequest: DataRequest { DataRequest(fingerprint: fingerprint, offset: received.count) }

    /// Takes the reply to `nextRequest`.
    mutating func accept(_ chunk: DataChunk) throws(DataShippingError) -> Step {
        if let error = chunk.error {
            throw DataShippingError(.refused, subject, "the coordinator cannot send it: \(error)")
        }
        guard chunk.fingerprint == fingerprint else {
            throw bad("a chunk of data set \(chunk.fingerprint.prefix(64)) arrived instead")
        }
        guard chunk.offset == received.count else {
            throw bad("a chunk at byte \(chunk.offset) arrived where byte \(received.count) was asked for")
        }
        guard chunk.totalBytes >= 0, chunk.totalBytes <= maxBytes else {
            throw bad("the coordinator announced \(chunk.totalBytes) bytes; at most \(maxBytes) are accepted")
        }
        if let announced, announced.total != chunk.totalBytes || announced.sha256 != chunk.sha256 {
            throw bad("the file's size or digest changed between chunks (\(announced.total) → \(chunk.totalBytes) bytes)")
        }
        announced = (chunk.totalBytes, chunk.sha256)
        guard received.count + chunk.bytes.count <= chunk.totalBytes else {
            throw bad("the chunk at byte \(chunk.offset) runs past the announced end (\(chunk.totalBytes) bytes)")
        }
        guard !chunk.bytes.isEmpty || received.count == chunk.totalBytes else {
            throw bad("an empty chunk at byte \(chunk.offset) of \(chunk.totalBytes)")
        }
        received.append(chunk.bytes)
        guard received.count == chunk.totalBytes else { return .request(nextRequest) }
        let digest = SHA256Hex.of(received)
        guard digest == chunk.sha256 else {
            let whole = received
            received = Data()
            announced = nil
            throw DataShippingError(
                .corrupt, subject,
                "the \(whole.count) bytes received hash to \(digest), not to the announced \(chunk.sha256.prefix(64))")
        }
        return .complete(received)
    }

    private func bad(_ detail: String) -> DataShippingError { DataShippingError(.badReply, subject, detail) }
}
