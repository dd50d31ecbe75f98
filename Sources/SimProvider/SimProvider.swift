import Hummingbird
import Logging
import ServiceLifecycle

/// A simulated OpenAI-compatible chat provider for offline runs and tests: scores, critiques and
/// rewritten instructions from documented heuristics, with seeded latency, rate limits and faults
/// (`docs/sim-provider.md`).
///
/// Run it in a `ServiceGroup` (graceful shutdown ends it), or use `SimProvider.start(_:logger:)`
/// to get a `RunningSimProvider` with its bound port.
public struct SimProvider: Service, CustomStringConvertible {
    /// How this server behaves.
    public let options: Options
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// A server with `options`, logging to `logger`; `onListening` receives the bound port once
    /// the server accepts connections.
    public init(options: Options, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.options = options
        self.logger = logger
        self.onListening = onListening
    }

    /// `SimProvider(HOST:PORT)`, for logs.
    public var description: String { "SimProvider(\(options.host):\(options.port))" }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        let state = SimServerState(options: options)
        let router = Router(context: SimRequestContext.self)
        let chat = ChatCompletionsRoute(state: state)
        router.post("v1/chat/completions") { request, context in
            try await chat.handle(request, context: context)
        }
        InfoRoutes.add(to: router, state: state)
        let onListening = self.onListening
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "collider-sim"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? options.port) },
            logger: logger)
        try await application.run()
    }
}
