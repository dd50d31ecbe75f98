import Foundation
import Synchronization

/// SIGTERM and SIGINT caught for the length of a call, so that a coordinator drains and a worker
/// leaves instead of dying.
///
/// The handlers are installed with `sigaction` before the call's body starts, so a signal sent at
/// any moment after is caught. (A `DispatchSource` needs the signal set to `SIG_IGN` and registers
/// its own handler later, on another thread: a signal sent in between was dropped. A worker that
/// Slurm cancelled in its first milliseconds ignored the SIGTERM and ran on until the SIGKILL.)
///
/// The handler writes the signal's number to a pipe, the one async-signal-safe thing it does; a
/// thread reading the pipe runs the caller's closure. The pipe and that thread are made on first
/// use and last as long as the process.
public enum TerminationSignals {
    /// The signals caught.
    public static let caught: [Int32] = [SIGTERM, SIGINT]

    /// Runs `body`; each SIGTERM or SIGINT from now until it returns runs `handler` (on a task of
    /// its own) instead of ending the process. Afterwards both signals act as they did before.
    /// Calls must not overlap.
    public static func run<T: Sendable>(
        onSignal handler: @escaping @Sendable () async -> Void, _ body: () async throws -> T
    ) async throws -> T {
        try startListening()
        let installed = current.withLock { current -> Bool in
            guard current == nil else { return false }
            current = handler
            return true
        }
        precondition(installed, "TerminationSignals.run calls must not overlap")
        let previous = caught.map { install(forwardSignal, for: $0) }
        defer {
            for (number, action) in zip(caught, previous) { restore(action, for: number) }
            current.withLock { $0 = nil }
        }
        return try await body()
    }

    /// The closure a signal runs now (nil outside `run`).
    private static let current = Mutex<(@Sendable () async -> Void)?>(nil)

    /// Makes the pipe and the thread that reads it, once.
    private static func startListening() throws(SignalPipeError) {
        try listening.withLock { started throws(SignalPipeError) in
            guard !started else { return }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { throw SignalPipeError(errno: errno) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            // A full pipe must not block the handler: the signals queued already will do.
            _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
            signalPipeWriteEnd.store(ends[1], ordering: .releasing)
            let readEnd = ends[0]
            Thread.startNamed("signals") { readSignals(from: readEnd) }
            started = true
        }
    }

    private static let listening = Mutex(false)

    /// Reads signal numbers for the life of the process and runs the current closure for each.
    private static func readSignals(from readEnd: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(readEnd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return }
            if let handler = current.withLock({ $0 }) { Task { await handler() } }
        }
    }

    private static func install(_ handler: @escaping @convention(c) (Int32) -> Void, for number: Int32) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        sigaction(number, &action, &previous)
        return previous
    }

    private static func restore(_ action: sigaction, for number: Int32) {
        var action = action
        sigaction(number, &action, nil)
    }
}

/// The pipe the signal handler writes to (-1 before the first `TerminationSignals.run`).
private let signalPipeWriteEnd = Atomic<Int32>(-1)

/// The signal handler: writes the signal's number to the pipe; keeps `errno` as it found it.
private func forwardSignal(_ number: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd.load(ordering: .acquiring), &byte, 1)
    errno = saved
}

/// The pipe for `TerminationSignals` could not be made (out of file descriptors).
public struct SignalPipeError: Error, CustomStringConvertible {
    public var errno: Int32
    public var description: String {
        "could not make the pipe that catches SIGTERM and SIGINT: \(String(cString: strerror(errno))); raise `ulimit -n`"
    }
}
