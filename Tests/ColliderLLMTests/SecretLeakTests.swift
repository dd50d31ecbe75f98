import ColliderCore
import Foundation
import Testing

@testable import ColliderLLM

/// The API key never leaves the `Authorization` header, even when the server echoes it back.
struct SecretLeakTests {
    @Test(.timeLimit(.minutes(1)))
    func anEchoedKeyIsRedactedFromErrorsAndLogs() async throws {
        let fixture = try ClientFixture { request, _ in
            let echoed = request.headers["authorization"] ?? ""
            return ScriptedResponse(
                status: 401, body: #"{"error":{"message":"Incorrect API key provided: \#(echoed)"}}"#)
        }
        let error = await #expect(throws: LLMError.self) { try await fixture.client.complete(fixture.request()) }
        await fixture.shutdown()

        let failure = try #require(error)
        #expect(failure.failure == .config)
        #expect(failure.message.contains("Incorrect API key provided: Bearer ***"))
        #expect(!failure.description.contains(ClientFixture.key))
        #expect(!String(reflecting: failure).contains(ClientFixture.key))
        #expect(failure.attempts.allSatisfy { $0.message?.contains(ClientFixture.key) != true })
        let logs = fixture.logs.all
        #expect(logs.contains { $0.contains("LLM attempt failed") })
        #expect(logs.allSatisfy { !$0.contains(ClientFixture.key) })
    }

    @Test(.timeLimit(.minutes(1)))
    func anEchoedKeyNeverReachesTheJournal() async throws {
        let fixture = try ClientFixture { request, index in
            let echoed = request.headers["authorization"] ?? ""
            return index == 0
                ? ScriptedResponse(status: 503, body: #"{"error":{"message":"upstream rejected \#(echoed)"}}"#)
                : ScriptedResponse(status: 200, body: ClientFixture.completion("you sent \(echoed)"))
        }
        let journaling = JournalingLLM(wrapping: fixture.client, journal: [])
        let reply = try await journaling.complete(fixture.request())
        await fixture.shutdown()

        #expect(reply.content == "you sent Bearer ***")
        let entry = try #require(journaling.recorded.first)
        #expect(entry.attempts.count == 2)
        let encoded = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        #expect(encoded.contains("***"))
        #expect(!encoded.contains(ClientFixture.key))
        #expect(fixture.logs.all.allSatisfy { !$0.contains(ClientFixture.key) })
    }
}
