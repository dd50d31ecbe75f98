import ColliderCore
import ColliderRunner
import ColliderTransport
import Foundation
import Synchronization

/// The sweep's data set as the coordinator ships it to workers that lack it (`DATA_REQ` /
/// `DATA`, docs/protocol.md): the canonical JSONL of the rows it loaded, made on the first
/// request and kept, served in chunks. It comes from the rows in memory, not the data file, so
/// workers can fetch it even when the file moved after the coordinator started.
final class DatasetShipment: Sendable {
    /// Bytes per `DATA` chunk: 2 MiB, under 3 MiB as base64, far below the frame limit.
    static let chunkBytes = 2 << 20

    /// The data set's fingerprint.
    let fingerprint: String
    private let dataset: Dataset
    private let config: DatasetConfig
    private let file = Mutex<Result<ExportedFile, ExportError>?>(nil)

    /// The canonical JSONL file and its digest.
    struct ExportedFile: Sendable {
        var bytes: Data
        var sha256: String
    }

    /// Why the file could not be made.
    struct ExportError: Error {
        var detail: String
    }

    init(_ sweep: SweepContext) {
        fingerprint = sweep.datasetFingerprint
        dataset = Dataset(rows: sweep.data.rows, fingerprint: sweep.datasetFingerprint, skipped: [], path: "")
        config = sweep.config.dataset
    }

    /// The chunk that answers `request`, or a refusal that says why there is none.
    func chunk(for request: DataRequest) -> DataChunk {
        guard request.fingerprint == fingerprint else {
            return DataChunk(
                refusing: request, "this sweep's data set is \(fingerprint), not \(request.fingerprint.prefix(64))")
        }
        switch exported() {
        case .failure(let error):
            return DataChunk(refusing: request, "the data set could not be encoded: \(error.detail)")
        case .success(let file):
            guard request.offset >= 0, request.offset <= file.bytes.count else {
                return DataChunk(
                    refusing: request, "offset \(request.offset) is outside the file's \(file.bytes.count) bytes")
            }
            let end = min(file.bytes.count, request.offset + Self.chunkBytes)
            return DataChunk(
                fingerprint: fingerprint, offset: request.offset, totalBytes: file.bytes.count, sha256: file.sha256,
                bytes: file.bytes.subdata(in: request.offset..<end))
        }
    }

    /// The file, made on the first call.
    private func exported() -> Result<ExportedFile, ExportError> {
        file.withLock { file in
            if let file { return file }
            let made: Result<ExportedFile, ExportError>
            do {
                let bytes = try dataset.canonicalJSONL(config: config)
                made = .success(ExportedFile(bytes: bytes, sha256: SHA256Hex.of(bytes)))
            } catch {
                made = .failure(ExportError(detail: "\(error)"))
            }
            file = made
            return made
        }
    }
}
