import Logging
import ServiceLifecycle

/// A `SimProvider` running in the background, as tests and in-process sweeps use it.
public struct RunningSimProvider: Sendable {
    /// The bound port.
    public let port: Int
    /// The host it listens on.
    public let host: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The OpenAI base URL, `http://HOST:PORT/v1`.
    public var baseURL: String { "http://\(host):\(port)/v1" }

    fileprivate init(port: Int, host: String, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.host = host
        self.group = group
        self.task = task
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

extension SimProvider {
    /// Starts a server with `options` in a background `ServiceGroup` (no signal handling) and
    /// returns once it listens.
    ///
    /// - Throws: the bind error, or `SimProviderError` when the server stopped before listening.
    public static func start(_ options: Options, logger: Logger) async throws -> RunningSimProvider {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let provider = SimProvider(options: options, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(services: [provider], logger: logger)
        // Unstructured on purpose: the caller owns the server's lifetime through `stop()`.
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw SimProviderError(
                message: "the simulated provider on \(options.host):\(options.port) stopped before it listened")
        }
        return RunningSimProvider(port: port, host: options.host, group: group, task: task)
    }
}

/// A failure of the simulated provider itself, naming where it happened.
public struct SimProviderError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and where.
    public let message: String

    /// The message.
    public var description: String { message }
}
