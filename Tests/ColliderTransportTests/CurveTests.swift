import Foundation
import Testing

@testable import ColliderTransport

struct CurveTests {
    @Test func keyFilesRoundTripAndHideTheSecret() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "collider-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pair = try CurveKeys.generate()
        #expect(pair.publicKey.utf8.count == 40)
        #expect("\(pair.secretKey)" == "***")
        try CurveKeys.write(pair, name: "worker-1", to: directory)
        #expect(try CurveKeys.readKeyPair(at: directory.appending(path: "worker-1.key")) == pair)
        #expect(try CurveKeys.readAllowList(in: directory) == [pair.publicKey])
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appending(path: "worker-1.key").path)[.posixPermissions]
        #expect(mode as? Int == 0o600)
    }

    @Test func keyFilesAreNotReplacedUnlessAskedAndBadFilesSayWhatIsWrong() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "collider-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try CurveKeys.generate()
        let second = try CurveKeys.generate()
        try CurveKeys.write(first, name: "w", to: directory)
        #expect(throws: CurveKeyFileError.self) { try CurveKeys.write(second, name: "w", to: directory) }
        #expect(try CurveKeys.readKeyPair(at: directory.appending(path: "w.key")) == first)
        try CurveKeys.write(second, name: "w", to: directory, replacing: true)
        #expect(try CurveKeys.readKeyPair(at: directory.appending(path: "w.key")) == second)
        #expect(try CurveKeys.readPublicKey(at: directory.appending(path: "w.pub")) == second.publicKey)

        func problem(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(problem { _ = try CurveKeys.readKeyPair(at: directory.appending(path: "w.pub")) }.contains("NAME.key"))
        #expect(problem { _ = try CurveKeys.readPublicKey(at: directory.appending(path: "w.key")) }.contains("NAME.pub"))
        #expect(problem { _ = try CurveKeys.readPublicKey(at: directory.appending(path: "none.pub")) }.contains("cannot be read"))
        // 40 characters, but `~` is not in the Z85 alphabet.
        let bad = directory.appending(path: "bad.pub")
        try Data((String(repeating: "~", count: 40) + "\n").utf8).write(to: bad)
        #expect(problem { _ = try CurveKeys.readPublicKey(at: bad) }.contains("not a Z85 key"))
        // An allow-list that would admit nobody is refused.
        let empty = directory.appending(path: "empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(problem {
            _ = try CurveServerSettings.load(secretKeyFile: directory.appending(path: "w.key"), allowListDirectory: empty)
        }.contains("holds no .pub files"))
        #expect(problem {
            _ = try CurveServerSettings.load(
                secretKeyFile: directory.appending(path: "w.key"), allowListDirectory: directory.appending(path: "nowhere"))
        }.contains("is not a directory"))
    }

    @Test(.timeLimit(.minutes(1)))
    func onlyAllowListedKeysGetIn() async throws {
        let server = try CurveKeys.generate()
        let known = try CurveKeys.generate()
        let stranger = try CurveKeys.generate()
        let router = try await Fixtures.router(
            curve: CurveServerSettings(secretKey: server.secretKey, allowedClientKeys: [known.publicKey]))
        var events = router.events.makeAsyncIterator()
        var incoming = router.incoming.makeAsyncIterator()

        // libzmq ends a session whose handshake the ZAP handler refused, and does not reconnect it:
        // the intruder gets no further than the handshake, so it sends nothing here.
        let intruder = try await Fixtures.dealer(
            "intruder", to: router, curve: CurveClientSettings(serverPublicKey: server.publicKey, keyPair: stranger))
        guard case .refusedKey(let key, _) = try #require(await events.next()) else {
            Issue.record("expected a refused key")
            return
        }
        #expect(key == stranger.publicKey)
        #expect(router.stats.refusedKeys == 1)

        let member = try await Fixtures.dealer(
            "member", to: router, curve: CurveClientSettings(serverPublicKey: server.publicKey, keyPair: known))
        try await member.send(.hello(Hello(workerID: "member", incarnation: 1, slots: 1)))
        let hello = try #require(await incoming.next())
        #expect(hello.peer == PeerID("member"))
        try await router.send(.credit(Credit(n: 1)), to: PeerID("member"))
        var memberIn = member.incoming.makeAsyncIterator()
        #expect(await memberIn.next()?.message == .credit(Credit(n: 1)))
        #expect(router.stats.received == 1)
        await intruder.close()
        await member.close()
        await router.close()
    }
}

/// What a CURVE client learns when its handshake fails.
struct HandshakeFailureTests {
    /// The first handshake failure `dealer` reports (nil if none within a minute).
    static func firstFailure(of dealer: DealerEndpoint) async -> HandshakeFailure? {
        for await event in dealer.events {
            if case .handshakeFailed(let failure, _) = event { return failure }
        }
        return nil
    }

    @Test(.timeLimit(.minutes(1)))
    func aRefusedKeyAWrongServerKeyAndMissingCurveAreReportedToTheClient() async throws {
        let server = try CurveKeys.generate()
        let known = try CurveKeys.generate()
        let stranger = try CurveKeys.generate()
        let impostor = try CurveKeys.generate()
        let router = try await Fixtures.router(
            curve: CurveServerSettings(secretKey: server.secretKey, allowedClientKeys: [known.publicKey]))

        let intruder = try await Fixtures.dealer(
            "intruder", to: router, curve: CurveClientSettings(serverPublicKey: server.publicKey, keyPair: stranger))
        #expect(await Self.firstFailure(of: intruder) == .refused(status: 400))
        #expect(intruder.stats.handshakeFailures >= 1)

        let misdirected = try await Fixtures.dealer(
            "misdirected", to: router, curve: CurveClientSettings(serverPublicKey: impostor.publicKey, keyPair: known))
        let failure = await Self.firstFailure(of: misdirected)
        #expect(failure != nil && failure != .refused(status: 400))

        let plain = try await Fixtures.dealer("plain", to: router)
        #expect(await Self.firstFailure(of: plain) != nil)

        let member = try await Fixtures.dealer(
            "member", to: router, curve: CurveClientSettings(serverPublicKey: server.publicKey, keyPair: known))
        try await member.send(.hello(Hello(workerID: "member", incarnation: 1, slots: 1)))
        var incoming = router.incoming.makeAsyncIterator()
        #expect(await incoming.next()?.peer == PeerID("member"))
        #expect(member.stats.handshakeFailures == 0)
        await intruder.close()
        await misdirected.close()
        await plain.close()
        await member.close()
        await router.close()
    }
}
