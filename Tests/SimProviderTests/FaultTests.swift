import Foundation
import Testing

@testable import SimProvider

@Suite(.timeLimit(.minutes(1)))
struct FaultTests {
    private static let seed: UInt64 = 3
    private static let rate = 0.9

    /// A judge prompt whose first delivery meets `fault` (searching at most 2,000 variants).
    private func prompt(meeting fault: Fault) throws -> String {
        for index in 0..<2_000 {
            let prompt = Prompts.judge + " #\(index)"
            let key = try RequestKey(body: ChatRequest(data: Prompts.body(prompt)).body, role: .judge, seed: Self.seed)
            if Fault.decide(key: key, attempt: 0, rate: Self.rate) == fault { return prompt }
        }
        throw LoopbackHTTPClient.Failure.malformed
    }

    private func firstDelivery(of fault: Fault) async throws -> Result<LoopbackHTTPClient.Reply, any Error> {
        let prompt = try prompt(meeting: fault)
        let options = SimProvider.Options(seed: Self.seed, faultRate: Self.rate, hangLimit: .seconds(5))
        return try await withServer(options) { server in
            await Result(catching: { try await chat(server, role: "judge", prompt: prompt, timeout: 20) })
        }
    }

    @Test(arguments: [(Fault.internalError, 500), (.unavailable, 503)])
    func serverErrorsAreOpenAIShaped(fault: Fault, status: Int) async throws {
        let reply = try await firstDelivery(of: fault).get()
        #expect(reply.status == status)
        let error = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: [String: String]])
        #expect(error["error"]?["type"] == "server_error")
    }

    @Test func aResetClosesTheConnectionWithoutAResponse() async throws {
        let result = try await firstDelivery(of: .reset)
        #expect(throws: LoopbackHTTPClient.Failure.reset) { try result.get() }
    }

    @Test func aHangOutlastsTheClientsTimeoutAndEndsWhenTheClientLeaves() async throws {
        let prompt = try prompt(meeting: .hang)
        let options = SimProvider.Options(seed: Self.seed, faultRate: Self.rate, hangLimit: .seconds(30))
        let (result, inFlight) = try await withServer(options) { server in
            let result = await Result(catching: { try await chat(server, role: "judge", prompt: prompt, timeout: 1) })
            var inFlight = -1
            for _ in 0..<40 where inFlight != 0 {
                try await Task.sleep(for: .milliseconds(50))
                let stats = try await LoopbackHTTPClient.send(port: server.port, method: "GET", path: "/sim/stats")
                inFlight = try JSONDecoder().decode(SimStatsSnapshot.self, from: stats.body).inFlight
            }
            return (result, inFlight)
        }
        #expect(throws: LoopbackHTTPClient.Failure.timeout) { try result.get() }
        #expect(inFlight == 0)
    }

    @Test func aTruncatedBodyDoesNotParse() async throws {
        let reply = try await firstDelivery(of: .truncatedBody).get()
        #expect(reply.status == 200)
        #expect((try? JSONSerialization.jsonObject(with: reply.body)) == nil)
        #expect(reply.text.hasPrefix("{"))
    }

    @Test func emptyContentIsWellFormed() async throws {
        let reply = try await firstDelivery(of: .emptyContent).get()
        #expect(reply.status == 200)
        #expect(content(of: reply) == "")
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
