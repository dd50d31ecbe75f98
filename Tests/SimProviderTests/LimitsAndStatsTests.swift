import Foundation
import SimProvider
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LimitsAndStatsTests {
    @Test func aBurstAboveTheRequestLimitGets429WithRetryAfter() async throws {
        let replies = try await withServer(.init(requestsPerMinute: 12, burstSeconds: 10)) { server in
            var replies: [LoopbackHTTPClient.Reply] = []
            for index in 0..<5 {
                replies.append(try await chat(server, role: "judge", prompt: Prompts.judge + " \(index)"))
            }
            return replies
        }
        let admitted = try #require(replies.first)
        #expect(admitted.status == 200)
        #expect(admitted.headers["x-ratelimit-limit-requests"] == "12")
        #expect(admitted.headers["x-ratelimit-remaining-requests"] == "1")
        #expect(admitted.headers["x-ratelimit-reset-requests"] != nil)

        let refused = try #require(replies.first { $0.status == 429 })
        #expect(replies.prefix(2).allSatisfy { $0.status == 200 })
        let retryAfter = try #require(refused.headers["retry-after"].flatMap { Int($0) })
        // Two requests of capacity (12/min × 10 s), refilled at one per 5 s.
        #expect((1...5).contains(retryAfter))
        #expect(refused.headers["x-ratelimit-limit-requests"] == "12")
        #expect(refused.headers["x-ratelimit-remaining-requests"] == "0")
        #expect(refused.headers["x-ratelimit-reset-requests"] != nil)
        let error = try #require(try JSONSerialization.jsonObject(with: refused.body) as? [String: [String: String]])
        #expect(error["error"]?["message"] != nil)
    }

    @Test func aTokenLimitRefusesLargePromptsWithTokenHeaders() async throws {
        let replies = try await withServer(.init(tokensPerMinute: 6_000, burstSeconds: 10)) { server in
            let big = Prompts.task(summary: String(repeating: "Words and more words. ", count: 150))
            var replies: [LoopbackHTTPClient.Reply] = []
            for _ in 0..<3 { replies.append(try await chat(server, role: "task", prompt: big)) }
            return replies
        }
        #expect(replies[0].status == 200)
        #expect(replies[0].headers["x-ratelimit-limit-tokens"] == "6000")
        let refused = try #require(replies.first { $0.status == 429 })
        #expect(refused.headers["retry-after"] != nil)
        #expect(refused.headers["x-ratelimit-remaining-tokens"] != nil)
    }

    @Test func statsCountStatusesRolesTokensAndPeakConcurrency() async throws {
        let options = SimProvider.Options(latencyP50Milliseconds: 300, latencyP99Milliseconds: 300)
        let stats = try await withServer(options) { server in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let role = index % 2 == 0 ? "task" : "judge"
                        let prompt = index % 2 == 0 ? Prompts.task(summary: "Summary \(index).") : Prompts.judge
                        _ = try await chat(server, role: role, prompt: prompt)
                    }
                }
                try await group.waitForAll()
            }
            _ = try await chat(server, role: "task", prompt: "", body: Data("nope".utf8))
            let reply = try await LoopbackHTTPClient.send(port: server.port, method: "GET", path: "/sim/stats")
            return try JSONDecoder().decode(SimStatsSnapshot.self, from: reply.body)
        }
        #expect(stats.requests == 9)
        #expect(stats.byStatus == ["200": 8, "400": 1])
        #expect(stats.byRole == ["task": 4, "judge": 4])
        #expect(stats.peakConcurrency >= 2 && stats.peakConcurrency <= 8)
        #expect(stats.inFlight == 0)
        #expect(stats.promptTokens > 0 && stats.completionTokens > 0)
        #expect(stats.faults.isEmpty)
    }
}
