import Foundation

/// Runs `body`; each SIGTERM or SIGINT meanwhile runs `handler` instead of ending the process, so
/// that a coordinator drains and a worker leaves cleanly.
func onTerminationSignal<T: Sendable>(
    _ handler: @escaping @Sendable () async -> Void, run body: () async throws -> T
) async throws -> T {
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGTERM, SIGINT] {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number)
        source.setEventHandler { Task { await handler() } }
        source.resume()
        sources.append(source)
    }
    defer { sources.forEach { $0.cancel() } }
    return try await body()
}
