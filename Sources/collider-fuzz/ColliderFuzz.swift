import ColliderFuzzing
import Foundation

// Built two ways. `make fuzz` compiles with `-sanitize=fuzzer,address -DFUZZING`: the entry
// point hands over to libFuzzer, which calls `LLVMFuzzerTestOneInput` for each input on the
// target named by `COLLIDER_FUZZ_TARGET`. A plain build replays inputs instead:
// `collider-fuzz TARGET FILE|FOLDER…`, to reproduce a crash without the sanitizers.

#if FUZZING
import CLibFuzzer

/// The target of this fuzzing process, read once.
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["COLLIDER_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("set COLLIDER_FUZZ_TARGET to one of: \(names) (got \(name.debugDescription))")
    }
    return target
}()

/// libFuzzer's callback: one input; a violated invariant crashes so that libFuzzer keeps it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    do {
        try fuzzTarget.check(bytes)
    } catch {
        fatalError("invariant violated: \(error)")
    }
    return 0
}

/// The executable's entry point under the name SwiftPM links as `main`.
@_cdecl("collider_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
}
#else
@main
enum ColliderFuzz {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: collider-fuzz \(names) FILE|FOLDER…\n".utf8))
            exit(2)
        }
        var failures = 0
        for path in arguments.dropFirst().flatMap(files(at:)) {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                failures += 1
                continue
            }
            do {
                try target.check([UInt8](data))
                print("\(path): ok")
            } catch {
                print("\(path): \(error)")
                failures += 1
            }
        }
        exit(failures == 0 ? 0 : 1)
    }

    /// `path` itself, or the files directly inside it when it is a folder, sorted.
    static func files(at path: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
    }
}
#endif
