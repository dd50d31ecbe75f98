import ColliderCoordinator
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `GET /metrics` on a coordinator: its status in the Prometheus text format
/// (`PrometheusText`), served by Hummingbird on `host:port` (port 0 takes a free one).
public struct MetricsServer: Sendable {
    /// The bound port.
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts serving `service`'s metrics; returns once it listens.
    public static func start(
        for service: CoordinatorService, host: String = "127.0.0.1", port: Int, logger: Logger
    ) async throws -> MetricsServer {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            let text = try await service.metricsText()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "collider-metrics"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(services: [application], logger: logger)
        // Unstructured on purpose: the caller owns the server's lifetime through `stop()`.
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await task.value
            throw MetricsServerError(description: "the metrics server on \(host):\(port) stopped before it listened")
        }
        return MetricsServer(port: bound, group: group, task: task)
    }

    /// Stops serving and waits until the server has stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

extension CoordinatorService {
    /// The coordinator's metrics in the Prometheus text exposition format.
    public func metricsText() async throws -> String {
        let report = try await statusReport()
        let byRole = try await core.with { core in try core.settledStore().callsByRole() }
        let stats = router.stats
        return PrometheusText.render(
            report, callsByRole: byRole,
            transport: PrometheusText.Transport(
                received: stats.received, sent: stats.sent,
                dropped: [
                    "malformed": stats.malformed, "unknown_type": stats.unknownType,
                    "unsupported_version": stats.unsupportedVersion, "oversized": stats.oversized,
                ],
                dispatched: stats.dispatch.count,
                dispatchSeconds: Dictionary(
                    uniqueKeysWithValues: [0.5, 0.9, 0.99].compactMap { q in
                        stats.dispatch.quantile(q).map { (q, Double($0) / 1e9) }
                    })))
    }
}

/// The metrics server stopped before it listened (its bind error is logged).
public struct MetricsServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
