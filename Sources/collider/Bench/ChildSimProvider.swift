import ColliderCore
import Foundation

/// `collider sim-provider --port 0` run as a child process, so that the parent's
/// `getrusage(RUSAGE_SELF)` counts the client alone.
struct ChildSimProvider {
    /// The OpenAI base URL the child printed.
    let baseURL: String
    private let process: Process

    /// Starts this executable's `sim-provider` on a free loopback port (`ChildProcess.simProvider`).
    static func start() async throws -> ChildSimProvider {
        let (process, baseURL) = try await ChildProcess.simProvider()
        return ChildSimProvider(baseURL: baseURL, process: process)
    }

    /// Sends SIGTERM (a graceful shutdown) and waits until the child has exited and been reaped,
    /// so its CPU time is in `RUSAGE_CHILDREN` afterwards. The wait blocks, so it runs on a thread
    /// of its own.
    func stop() async {
        let process = process
        process.terminate()
        await withCheckedContinuation { continuation in
            Thread.startNamed("child-wait") {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}
