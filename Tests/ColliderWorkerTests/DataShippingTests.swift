import ColliderCore
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import ColliderTransport
import Foundation
import Testing

@testable import ColliderCoordinatorService
@testable import ColliderWorker

/// The state machines and the cache behind fetching a data set and step records from the
/// coordinator, driven directly: garbage and wrong data sets give a clear error, never a crash.
struct DataShippingTests {
    static let bytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
    static let digest = SHA256Hex.of(bytes)

    static func chunk(_ offset: Int, _ count: Int, fingerprint: String = "fp", total: Int = bytes.count, sha: String = digest)
        -> DataChunk
    {
        DataChunk(
            fingerprint: fingerprint, offset: offset, totalBytes: total, sha256: sha,
            bytes: bytes.subdata(in: offset..<min(bytes.count, offset + count)))
    }

    @Test func chunksAssembleInOrderIntoTheFile() throws {
        var assembly = DatasetAssembly(fingerprint: "fp")
        #expect(assembly.nextRequest == DataRequest(fingerprint: "fp", offset: 0))
        #expect(try assembly.accept(Self.chunk(0, 4_096)) == .request(DataRequest(fingerprint: "fp", offset: 4_096)))
        #expect(try assembly.accept(Self.chunk(4_096, 4_096)) == .request(DataRequest(fingerprint: "fp", offset: 8_192)))
        #expect(try assembly.accept(Self.chunk(8_192, 4_096)) == .complete(Self.bytes))
    }

    @Test(arguments: [
        (DataShippingTests.chunk(0, 100, fingerprint: "other"), DataShippingError.Code.badReply, "data set other"),
        (DataShippingTests.chunk(100, 100), .badReply, "byte 100 arrived where byte 0"),
        (DataShippingTests.chunk(0, 100, total: 5 << 30), .badReply, "at most"),
        (DataShippingTests.chunk(0, 100, total: -1), .badReply, "-1 bytes"),
        (DataShippingTests.chunk(0, 100, total: 50), .badReply, "past the announced end"),
        (DataShippingTests.chunk(0, 0), .badReply, "empty chunk"),
        (DataShippingTests.chunk(0, 10_000, sha: String(repeating: "0", count: 64)), .corrupt, "hash to"),
        (DataChunk(refusing: DataRequest(fingerprint: "fp", offset: 0), "this sweep's data set is x"), .refused, "is x"),
    ])
    func aReplyThatDoesNotFitIsAClearError(_ chunk: DataChunk, _ code: DataShippingError.Code, _ detail: String) throws {
        var assembly = DatasetAssembly(fingerprint: "fp")
        let error = try #require(throws: DataShippingError.self) { try assembly.accept(chunk) }
        #expect(error.code == code)
        #expect(error.description.contains("data set fp"))
        #expect(error.description.contains(detail), "\(error)")
    }

    @Test func aSizeThatChangesBetweenChunksIsRefused() throws {
        var assembly = DatasetAssembly(fingerprint: "fp")
        _ = try assembly.accept(Self.chunk(0, 100))
        let error = try #require(throws: DataShippingError.self) {
            try assembly.accept(Self.chunk(100, 100, total: 20_000))
        }
        #expect(error.code == .badReply && error.detail.contains("changed"))
    }

    /// A data set written by the fixtures, its config and the coordinator's shipment of it.
    static func shippedDataset() throws -> (SweepFixtures, SweepContext, DatasetShipment) {
        let fixtures = try SweepFixtures()
        let sweep = try SweepContext(config: try fixtures.config())
        return (fixtures, sweep, DatasetShipment(sweep))
    }

    @Test func theShipmentRefusesOtherDataSetsAndOffsetsAndServesItsOwn() throws {
        let (fixtures, sweep, shipment) = try Self.shippedDataset()
        defer { fixtures.remove() }
        let fingerprint = sweep.datasetFingerprint
        let other = shipment.chunk(for: DataRequest(fingerprint: "f00d", offset: 0))
        #expect(other.error?.contains("is \(fingerprint), not f00d") == true && other.bytes.isEmpty)
        #expect(shipment.chunk(for: DataRequest(fingerprint: fingerprint, offset: -1)).error?.contains("offset -1") == true)
        var assembly = DatasetAssembly(fingerprint: fingerprint)
        var step = DatasetAssembly.Step.request(assembly.nextRequest)
        while case .request(let request) = step { step = try assembly.accept(shipment.chunk(for: request)) }
        guard case .complete(let file) = step else { return }
        #expect(SHA256Hex.of(file) == shipment.chunk(for: DataRequest(fingerprint: fingerprint, offset: 0)).sha256)
        let beyond = shipment.chunk(for: DataRequest(fingerprint: fingerprint, offset: file.count + 1))
        #expect(beyond.error?.contains("outside the file's \(file.count) bytes") == true)
    }

    @Test func theCacheKeepsOnlyTheDataSetTheLeaseNames() throws {
        let (fixtures, sweep, shipment) = try Self.shippedDataset()
        defer { fixtures.remove() }
        let fingerprint = sweep.datasetFingerprint
        let cache = DatasetCache(directory: fixtures.folder.appending(path: "cache"))
        let config = sweep.config.dataset
        #expect(cache.cached(config, fingerprint: fingerprint) == nil)
        // Garbage, and a real data set that is another one: refused, nothing kept.
        let other = Data(SyntheticDataset.generate(rows: 20, seed: 9).joined(separator: "\n").utf8)
        for bytes in [Data("not json\n{".utf8), other] {
            let error = try #require(throws: DataShippingError.self) {
                try cache.store(bytes, config: config, fingerprint: fingerprint)
            }
            #expect(error.code == .fingerprintMismatch)
            #expect(error.description.contains("are not that data set"), "\(error)")
        }
        #expect(cache.cached(config, fingerprint: fingerprint) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path).isEmpty)
        // The real one: kept, and found again with the same rows.
        let file = shipment.chunk(for: DataRequest(fingerprint: fingerprint, offset: 0)).bytes
        let stored = try cache.store(file, config: config, fingerprint: fingerprint)
        #expect(stored.fingerprint == fingerprint && stored.path == cache.file(for: fingerprint).path)
        let cached = try #require(cache.cached(config, fingerprint: fingerprint))
        #expect(cached.rows.map(\.inputs) == sweep.data.rows.map(\.inputs))
        #expect(cached.rows.map(\.groundTruth) == sweep.data.rows.map(\.groundTruth))
        // A local file that is another data set is not used.
        let local = DatasetCache.load(config, from: fixtures.folder.appending(path: "data.jsonl").path, expecting: "f00d")
        #expect(local.dataset == nil && local.reason.contains("not f00d"))
    }

    /// A step record's JSON (empty, which does not decode, should the encoder ever fail).
    static func record(_ step: Int) -> Data {
        let record = StepRecord(step: step, instructionsBefore: ["fluency": "a"], instructions: ["fluency": "b"], formatBlock: true)
        return (try? WireCoding.encode(record)) ?? Data()
    }

    @Test func stepRecordsArriveInChunksUntilComplete() throws {
        var assembly = StepsAssembly(taskID: "run")
        #expect(assembly.nextRequest == StepsRequest(taskID: "run", afterStep: -1))
        let first = StepsChunk(taskID: "run", afterStep: -1, records: [Self.record(0), Self.record(1)], complete: false)
        #expect(try assembly.accept(first) == nil)
        #expect(assembly.nextRequest == StepsRequest(taskID: "run", afterStep: 1))
        let last = StepsChunk(taskID: "run", afterStep: 1, records: [Self.record(2)], complete: true)
        #expect(try assembly.accept(last)?.map(\.step) == [0, 1, 2])
        var none = StepsAssembly(taskID: "run")
        #expect(try none.accept(StepsChunk(taskID: "run", afterStep: -1, records: [], complete: true)) == [])
    }

    @Test(arguments: [
        (StepsChunk(taskID: "other", afterStep: -1, records: [], complete: true), DataShippingError.Code.badReply, "task other"),
        (StepsChunk(taskID: "run", afterStep: 3, records: [], complete: true), .badReply, "after step 3"),
        (StepsChunk(taskID: "run", afterStep: -1, records: [], complete: false), .badReply, "more records follow"),
        (StepsChunk(taskID: "run", afterStep: -1, records: [Data("{\"step\":".utf8)], complete: true), .badReply, "does not decode"),
        (StepsChunk(taskID: "run", afterStep: -1, records: [DataShippingTests.record(1), DataShippingTests.record(0)], complete: true), .badReply, "step 0 arrived after step 1"),
        (StepsChunk(taskID: "run", afterStep: -1, records: [DataShippingTests.record(0), DataShippingTests.record(2)], complete: true), .badReply, "no record of step 1"),
        (StepsChunk(taskID: "run", afterStep: -1, records: [], complete: false, error: "not in the plan"), .refused, "not in the plan"),
    ])
    func stepRecordsThatDoNotFitAreAClearError(_ chunk: StepsChunk, _ code: DataShippingError.Code, _ detail: String) throws {
        var assembly = StepsAssembly(taskID: "run")
        let error = try #require(throws: DataShippingError.self) { try assembly.accept(chunk) }
        #expect(error.code == code)
        #expect(error.description.contains("step records of task run"))
        #expect(error.description.contains(detail), "\(error)")
    }

    @Test func repliesReachTheirWaiterWhenEverTheyArrive() async throws {
        let replies = PendingReplies()
        let chunk = Self.chunk(0, 10)
        // Nobody waits: dropped.
        #expect(!replies.deliver(.data(chunk)))
        // The reply arrives while the request is being sent (before the waiter suspends).
        let early = await replies.reply(to: .data(fingerprint: "fp", offset: 0), within: .seconds(60)) {
            _ = replies.deliver(.data(chunk))
        }
        #expect(early == .data(chunk))
        // The reply arrives later.
        async let late = replies.reply(to: .data(fingerprint: "fp", offset: 0), within: .seconds(60)) {}
        var delivered = false
        for _ in 0..<500 where !delivered {
            delivered = replies.deliver(.data(chunk))
            if !delivered { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(await late == .data(chunk))
        // No reply: nil after the timeout; a reply for another key does not count.
        let none = await replies.reply(to: .data(fingerprint: "fp", offset: 5), within: .milliseconds(50)) {
            _ = replies.deliver(.data(chunk))
        }
        #expect(none == nil)
    }
}
