import Foundation

/// `collider sim-provider --port 0` run as a child process, so that the parent's
/// `getrusage(RUSAGE_SELF)` counts the client alone.
struct ChildSimProvider {
    /// The OpenAI base URL the child printed.
    let baseURL: String
    private let process: Process
    private let exited: AsyncStream<Void>

    /// Starts this executable's `sim-provider` on a free loopback port and waits for its first
    /// line of output, `listening on http://HOST:PORT/v1`.
    static func start() async throws -> ChildSimProvider {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["sim-provider", "--port", "0"]
        let stdout = Pipe()
        process.standardOutput = stdout
        let (exited, finish) = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { _ in finish.finish() }
        try process.run()
        let line = await firstLine(of: stdout.fileHandleForReading)
        guard let line, line.hasPrefix("listening on ") else {
            process.terminate()
            throw BenchError("the child sim-provider printed \(line.map { "'\($0)'" } ?? "nothing") instead of its URL")
        }
        return ChildSimProvider(
            baseURL: String(line.dropFirst("listening on ".count)), process: process, exited: exited)
    }

    /// Sends SIGTERM (a graceful shutdown) and waits until the child has exited and been reaped,
    /// so its CPU time is in `RUSAGE_CHILDREN` afterwards.
    func stop() async {
        process.terminate()
        for await _ in exited {}
        process.waitUntilExit()
    }

    /// Reads up to the first newline on a thread of its own: the read blocks, and the cooperative
    /// pool must not. Nil when the pipe closed first.
    private static func firstLine(of handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                var byte: UInt8 = 0
                while read(handle.fileDescriptor, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
                continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}

/// A benchmark could not run; names what failed.
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
