import ColliderCore
import Foundation

/// Child processes of this executable (`/proc/self/exe`).
enum ChildProcess {
    /// This executable.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }

    /// Starts `collider ARGUMENTS… --parent-pid <this process>`, sharing standard error; the child
    /// exits when this process does.
    static func start(_ arguments: [String], standardOutput: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--parent-pid", String(getpid())]
        if let standardOutput { process.standardOutput = standardOutput }
        try process.run()
        return process
    }

    /// Starts `collider sim-provider --port 0` and returns it with its base URL (its first line).
    static func simProvider() async throws -> (Process, String) {
        let pipe = Pipe()
        let process = try start(["sim-provider", "--port", "0"], standardOutput: pipe)
        // The read blocks, so it runs on a thread of its own: not on the cooperative pool, and not on
        // Dispatch's global queue, which shares its threads with that pool on Linux.
        let line = await withCheckedContinuation { continuation in
            Thread.startNamed("child-read") {
                var bytes = Data()
                while let byte = try? pipe.fileHandleForReading.read(upToCount: 1), let first = byte.first {
                    if first == UInt8(ascii: "\n") { break }
                    bytes.append(first)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        guard let url = line.split(separator: " ").last, line.hasPrefix("listening on ") else {
            process.terminate()
            throw SimStartError(line: line)
        }
        return (process, String(url))
    }

    /// The simulated provider did not print its address.
    struct SimStartError: Error, CustomStringConvertible {
        var line: String
        var description: String { "the simulated provider did not start (it printed: \(line.isEmpty ? "nothing" : line))" }
    }
}
