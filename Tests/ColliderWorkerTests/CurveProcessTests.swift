import ColliderTesting
import ColliderTransport
import Foundation
import SimProvider
import Testing

/// `collider keys generate` and the CURVE options of `collider coordinator` and `collider worker`,
/// as real processes.
@Suite(.timeLimit(.minutes(3)), .enabled(if: colliderExecutable != nil, "the collider executable is not built"))
struct CurveProcessTests {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appending(path: "collider-curve-\(UUID().uuidString)")
    }

    @Test func keysGenerateWritesAPairShowsNoSecretAndRefusesToOverwrite() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["keys", "generate", "--out", directory.path, "--name", "worker-1"]
        let first = try await ColliderProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let keyFile = directory.appending(path: "worker-1.key")
        let pair = try CurveKeys.readKeyPair(at: keyFile)
        #expect(try CurveKeys.readPublicKey(at: directory.appending(path: "worker-1.pub")) == pair.publicKey)
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions]
        #expect(mode as? Int == 0o600)
        #expect(first.stdout.contains(pair.publicKey))
        #expect(first.stdout.contains(keyFile.path) && first.stdout.contains("worker-1.pub"))
        #expect(!first.stdout.contains(pair.secretKey.z85) && !first.stderr.contains(pair.secretKey.z85))

        let again = try await ColliderProcess.run(arguments)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"), "\(again.stderr)")
        #expect(try CurveKeys.readKeyPair(at: keyFile) == pair)

        let forced = try await ColliderProcess.run(arguments + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let replaced = try CurveKeys.readKeyPair(at: keyFile)
        #expect(replaced.publicKey != pair.publicKey)
        #expect(!forced.stdout.contains(replaced.secretKey.z85))
        let replacedMode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions]
        #expect(replacedMode as? Int == 0o600)
    }

    @Test func halfACurveSetupIsAUsageError() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let keys = fixtures.folder.appending(path: "keys")
        try CurveKeys.write(try CurveKeys.generate(), name: "coordinator", to: keys)
        let coordinator = ["coordinator", fixtures.configPath, "--bind", "tcp://127.0.0.1:0"]
        let secretOnly = try await ColliderProcess.run(coordinator + ["--curve-secret-key", keys.appending(path: "coordinator.key").path])
        #expect(secretOnly.status == 64)
        #expect(secretOnly.stderr.contains("--allow-keys"), "\(secretOnly.stderr)")
        let allowOnly = try await ColliderProcess.run(coordinator + ["--allow-keys", keys.path])
        #expect(allowOnly.status == 64)
        #expect(allowOnly.stderr.contains("--curve-secret-key"), "\(allowOnly.stderr)")
        let exposed = try await ColliderProcess.run(["coordinator", fixtures.configPath, "--bind", "tcp://0.0.0.0:5999"])
        #expect(exposed.status == 64)
        #expect(exposed.stderr.contains("--curve-secret-key") && exposed.stderr.contains("--insecure"), "\(exposed.stderr)")
        let worker = try await ColliderProcess.run([
            "worker", "--connect", "tcp://127.0.0.1:5999", "--curve-server-key", keys.appending(path: "coordinator.pub").path,
        ])
        #expect(worker.status == 64)
        #expect(worker.stderr.contains("--curve-keypair"), "\(worker.stderr)")
        // A .pub where a key pair belongs names the file and what it should hold.
        let wrongFile = try await ColliderProcess.run(
            coordinator + [
                "--curve-secret-key", keys.appending(path: "coordinator.pub").path, "--allow-keys", keys.path,
            ])
        #expect(wrongFile.status == 2)
        #expect(wrongFile.stderr.contains("coordinator.pub") && wrongFile.stderr.contains("NAME.key"), "\(wrongFile.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixtures.results.path))
    }

    @Test func aCurveCoordinatorProcessServesAnAllowedWorkerAndLogsARefusedOne() async throws {
        let fixtures = try SweepFixtures(modes: "CCC")
        defer { fixtures.remove() }
        let sim = try await SimProvider.start(SimProvider.Options(), logger: SweepFixtures.logger)
        try fixtures.pointEndpoints(at: sim.baseURL)
        let keys = fixtures.folder.appending(path: "keys")
        let allowList = keys.appending(path: "workers")
        for (name, directory) in [("coordinator", keys), ("member", keys), ("stranger", keys)] {
            let generated = try await ColliderProcess.run(["keys", "generate", "--out", directory.path, "--name", name])
            #expect(generated.status == 0, "\(generated.stderr)")
        }
        try FileManager.default.createDirectory(at: allowList, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: keys.appending(path: "member.pub"), to: allowList.appending(path: "member.pub"))
        let stranger = try CurveKeys.readKeyPair(at: keys.appending(path: "stranger.key"))
        let coordinatorSecret = try CurveKeys.readKeyPair(at: keys.appending(path: "coordinator.key")).secretKey.z85

        let (coordinator, output, log) = try ColliderProcess.start([
            "coordinator", fixtures.configPath, "--bind", "tcp://127.0.0.1:*", "--results", fixtures.results.path,
            "--curve-secret-key", keys.appending(path: "coordinator.key").path, "--allow-keys", allowList.path,
        ])
        defer { if coordinator.isRunning { coordinator.terminate() } }
        let address = try #require(
            await ColliderProcess.listeningAddress(of: coordinator, output: output),
            "the coordinator did not say where it listens: \(output.text)")
        #expect(output.text.contains("transport: CURVE; allowed worker keys: 1"))
        let worker = { (name: String) in
            try ColliderProcess.start([
                "worker", "--connect", address, "--id", name, "--results", fixtures.results.path,
                "--curve-server-key", keys.appending(path: "coordinator.pub").path,
                "--curve-keypair", keys.appending(path: "\(name).key").path,
            ])
        }
        // The refused worker exits with an error that names its public key and the fix.
        let (intruder, _, intruderLog) = try worker("stranger")
        defer { if intruder.isRunning { intruder.terminate() } }
        for _ in 0..<3_000 where intruder.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!intruder.isRunning, "the refused worker is still running")
        try await intruderLog.waitForEnd()
        #expect(intruder.terminationStatus != 0)
        #expect(
            intruderLog.text.contains("refused this worker's CURVE key \(stranger.publicKey)")
                && intruderLog.text.contains("--allow-keys"), "\(intruderLog.text)")
        #expect(!intruderLog.text.contains(stranger.secretKey.z85))
        for _ in 0..<3_000 where !log.text.contains(stranger.publicKey) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(log.text.contains("refused a CURVE key") && log.text.contains(stranger.publicKey), "\(log.text)")
        // `collider status` asks over CURVE with an allowed key pair; without one it gets no answer
        // and says what to pass.
        let status = try await ColliderProcess.run([
            "status", address, "--json", "--curve-server-key", keys.appending(path: "coordinator.pub").path,
            "--curve-keypair", keys.appending(path: "member.key").path,
        ])
        #expect(status.status == 0 && status.stdout.contains("\"sweep\""), "\(status.stdout)\(status.stderr)")
        let plain = try await ColliderProcess.run(["status", address, "--timeout", "2"])
        #expect(plain.status != 0 && plain.stderr.contains("--curve-server-key"), "\(plain.stderr)")
        let (member, _, _) = try worker("member")
        defer { if member.isRunning { member.terminate() } }
        for _ in 0..<4_500 where coordinator.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!coordinator.isRunning, "the sweep did not finish")
        try await output.waitForEnd()
        try await log.waitForEnd()
        #expect(coordinator.terminationStatus == 0, "\(output.text)\n\(log.text)")
        #expect(output.text.contains("sweep completed: done 1;"), "\(output.text)")
        #expect(!log.text.contains(coordinatorSecret) && !log.text.contains(stranger.secretKey.z85))
        try await sim.stop()
    }
}
