import ColliderFuzzing
import ColliderTransport
import Foundation
import Testing

/// Every input the fuzzer crashed on (`FuzzRegressions/<target>/`) and every seed
/// (`Fuzz/corpus/<target>/`) still passes its target's checks.
@Suite struct FuzzRegressionTests {
    static let regressions = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "FuzzRegressions")
    static let corpus = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Fuzz/corpus")

    /// The files directly inside `folder`, none when it does not exist.
    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appending(path: $0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsPassTheirChecks(_ target: FuzzTarget) throws {
        let seeds = Self.files(in: Self.corpus.appending(path: target.rawValue))
        let crashes = Self.files(in: Self.regressions.appending(path: target.rawValue))
        #expect(seeds.count >= 3, "Fuzz/corpus/\(target.rawValue) needs seeds")
        for file in seeds + crashes {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(throws: Never.self, "\(file.lastPathComponent)") { try target.check(bytes) }
        }
    }

    /// A seed that does not decode only teaches the fuzzer the error paths.
    @Test func frameSeedsAreValidFrames() throws {
        for file in Self.files(in: Self.corpus.appending(path: FuzzTarget.frameDecoder.rawValue)) {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(throws: Never.self, "\(file.lastPathComponent)") { try FrameCodec().decode(bytes) }
        }
    }
}
