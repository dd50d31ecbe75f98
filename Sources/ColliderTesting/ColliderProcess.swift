import ColliderCore
import Foundation
import Synchronization

/// The `collider` executable that `swift build` put beside the test bundle (or in .build/debug),
/// for tests that run it as a separate process; nil when it is not built.
public let colliderExecutable: URL? = {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "collider"),
        URL(fileURLWithPath: ".build/debug/collider"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// `collider` run as a user runs it, with both outputs collected.
public enum ColliderProcess {
    /// Starts `collider ARGUMENTS…`, with its open-file limit (soft and hard) set to
    /// `openFileLimit` when given.
    public static func start(_ arguments: [String], openFileLimit: Int? = nil) throws
        -> (Process, stdout: PipeCollector, stderr: PipeCollector)
    {
        let process = Process()
        if let openFileLimit, let colliderExecutable {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(openFileLimit) && exec \"$0\" \"$@\"", colliderExecutable.path] + arguments
        } else {
            process.executableURL = colliderExecutable
            process.arguments = arguments
        }
        let (stdout, stderr) = (PipeCollector(), PipeCollector())
        process.standardOutput = stdout.pipe
        process.standardError = stderr.pipe
        stdout.start()
        stderr.start()
        try process.run()
        return (process, stdout, stderr)
    }

    /// The address a `collider coordinator` process says it listens on (its line "coordinator
    /// listening on ADDRESS"), waited for up to `timeout`; nil when the process ended or said
    /// nothing by then.
    public static func listeningAddress(
        of process: Process, output: PipeCollector, timeout: Duration = .seconds(60)
    ) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let line = output.text.split(separator: "\n").first { $0.hasPrefix("coordinator listening on ") }
            if let address = line?.split(separator: " ").last { return String(address) }
            guard process.isRunning, ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs `collider ARGUMENTS…` to the end (terminated after `timeout`); returns its status and
    /// both outputs.
    public static func run(_ arguments: [String], timeout: Duration = .seconds(60)) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let (process, stdout, stderr) = try start(arguments)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try await stdout.waitForEnd()
        try await stderr.waitForEnd()
        return (process.terminationStatus, stdout.text, stderr.text)
    }
}

/// Everything a child process writes to one pipe, read on a thread of its own until the end.
public final class PipeCollector: Sendable {
    /// The pipe to hand the child.
    public let pipe = Pipe()
    private let data = Mutex(Data())
    private let ended = Mutex(false)

    public init() {}

    /// Starts reading; call before the process runs.
    public func start() {
        let handle = pipe.fileHandleForReading
        Thread.startNamed("child-output") { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.withLock { $0.append(chunk) }
            }
            ended.withLock { $0 = true }
        }
    }

    /// What was read so far.
    public var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits (at most 10 s) until the writer has closed the pipe.
    public func waitForEnd() async throws {
        for _ in 0..<500 where !ended.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
    }
}
