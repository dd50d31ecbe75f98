import ArgumentParser
import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderRunner
import Foundation
import Logging

/// Runs a sweep on this machine: a coordinator in this process on a free loopback port, N worker
/// child processes (restarted when one dies) and, when a `kind: sim` endpoint has no `base_url`, one simulated-provider
/// child that every worker shares (so they share its limits too).
struct SweepLauncher {
    var config: SweepConfig
    var results: URL
    var launch: LaunchOptions

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "collider.sweep")
        logger.logLevel = .warning
        try EffectiveConfig.write(config, results: results)
        var simulator: Process?
        defer { if let simulator, simulator.isRunning { simulator.terminate() } }

        var effective = config
        if config.endpoints.values.contains(where: { $0.kind == .sim && $0.baseURL == nil }) {
            let (process, url) = try await ChildProcess.simProvider()
            simulator = process
            effective.endpoints = LLMProvisioner.pointingSimulated(config.endpoints, at: url)
        }
        let sweep = try exitingOnBadInput { try SweepContext(config: effective) }
        let service = try await CoordinatorService(
            sweep: sweep, results: results, bind: "tcp://127.0.0.1:*",
            policy: launch.scheduling.policy, logger: logger)
        print("sweep \(config.name): \(sweep.tasks.count) tasks, coordinator on \(service.address), \(launch.workers) workers")
        let metrics = try await startMetrics(for: service, host: "127.0.0.1", port: launch.metricsPort, logger: logger)
        let local = try LocalWorkers(
            count: launch.workers, address: service.address, results: results,
            heartbeat: launch.scheduling.heartbeatInterval)
        let display = ProgressDisplay(service: service)
        let progress = Task { await display.run { await local.restartExited() } }
        let summary = try await withDrainOnSignal(service) { try await service.run() }
        progress.cancel()
        await display.finish(await progress.value)
        try? await metrics?.stop()
        await local.waitForExit(timeout: .seconds(2))
        try reportSummary(summary)
    }
}
