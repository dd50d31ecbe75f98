import ColliderCoordinator
import ColliderCoordinatorService
import ColliderCore
import ColliderRunner
import ColliderTesting
import ColliderTransport
import ColliderWorker
import Foundation
import SimProvider
import Testing

/// A coordinator serving CURVE over real loopback sockets: only a worker whose key is on the
/// allow-list and who knows the coordinator's public key gets tasks.
@Suite(.timeLimit(.minutes(3)))
struct CurveFleetTests {
    static func worker(_ id: String, at address: String, results: URL, curve: CurveClientSettings?) -> Worker {
        Worker(
            options: WorkerOptions(
                connect: address, workerID: id, slots: 1, results: results, environment: [:],
                heartbeat: .milliseconds(200), curve: curve),
            logger: SweepFixtures.logger)
    }

    @Test func onlyAnAllowListedWorkerThatKnowsTheServerKeyGetsTasks() async throws {
        let fixtures = try SweepFixtures(modes: "SSS, CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        let sweep = try FleetTests.sweep(fixtures, sim: sim)
        let server = try CurveKeys.generate()
        let member = try CurveKeys.generate()
        let stranger = try CurveKeys.generate()
        let impostor = try CurveKeys.generate()
        let service = try await CoordinatorService(
            sweep: sweep, results: fixtures.results, bind: "tcp://127.0.0.1:*", policy: FleetTests.policy,
            curve: CurveServerSettings(secretKey: server.secretKey, allowedClientKeys: [member.publicKey]),
            logger: SweepFixtures.logger)
        // A key the coordinator does not allow: ZAP refuses it, and the worker stops with an error.
        let refused = Self.worker(
            "stranger", at: service.address, results: fixtures.results,
            curve: CurveClientSettings(serverPublicKey: server.publicKey, keyPair: stranger))
        // These two keep retrying until they are stopped.
        let outsiders = [
            // An allowed key, but the wrong server key: its handshake cannot be decrypted.
            Self.worker(
                "misdirected", at: service.address, results: fixtures.results,
                curve: CurveClientSettings(serverPublicKey: impostor.publicKey, keyPair: member)),
            // No CURVE at all.
            Self.worker("plain", at: service.address, results: fixtures.results, curve: nil),
        ]
        let allowed = Self.worker(
            "allowed", at: service.address, results: fixtures.results,
            curve: CurveClientSettings(serverPublicKey: server.publicKey, keyPair: member))

        let summary = try await withThrowingTaskGroup(of: SweepSummary?.self) { group in
            group.addTask { try await service.run() }
            for worker in outsiders { group.addTask { try await worker.run(); return nil } }
            let refusal = Task { () -> WorkerKeyRefused? in
                do {
                    try await refused.run()
                    return nil
                } catch {
                    return error as? WorkerKeyRefused
                }
            }
            let error = await refusal.value
            #expect(error?.publicKey == stranger.publicKey && error?.zapStatus == 400, "\(String(describing: error))")
            #expect(service.refusedKeys >= 1, "the stranger's key was not counted")
            // The outsiders have had many heartbeats to introduce themselves; nothing is leased.
            try await Task.sleep(for: .seconds(1))
            #expect(try await service.status().counts["leased", default: 0] == 0)
            #expect(try await service.status().counts["pending", default: 0] == sweep.tasks.count)

            group.addTask { try await allowed.run(); return nil }
            var summary: SweepSummary?
            while let next = try await group.next() {
                guard let next else { continue }
                summary = next
                // Nobody tells refused workers to drain: they are stopped here.
                for worker in outsiders { await worker.stop() }
                await allowed.stop()
            }
            return try #require(summary)
        }
        #expect(summary.succeeded, "\(summary)")
        #expect(summary.counts["done"] == sweep.tasks.count)
        let store = try SweepStore(
            at: fixtures.results.appending(path: "collider.sqlite"), sweepName: sweep.config.name, configJSON: "{}",
            now: Date())
        for task in sweep.tasks {
            #expect(try store.result(for: task.id)?.worker == WorkerID(rawValue: "allowed"), "task \(task.id)")
        }
        try await sim.stop()
    }
}
