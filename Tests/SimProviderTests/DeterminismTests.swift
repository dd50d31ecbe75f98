import Foundation
import SimProvider
import Testing

@Suite(.timeLimit(.minutes(1)))
struct DeterminismTests {
    private let prompt = Prompts.task(summary: Prompts.fluentSummary)

    /// Sends `prompt` until a complete, non-empty reply arrives (at most 40 attempts).
    private func contentRetrying(_ server: RunningSimProvider, role: String, prompt: String) async throws -> String {
        for _ in 0..<40 {
            guard let reply = try? await chat(server, role: role, prompt: prompt, timeout: 1.5), reply.status == 200,
                let text = content(of: reply), !text.isEmpty
            else { continue }
            return text
        }
        throw LoopbackHTTPClient.Failure.timeout
    }

    @Test func theSameBodySentConcurrentlyGetsTheSameContent() async throws {
        let contents = try await withServer(.init(seed: 9)) { server in
            try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<30 {
                    group.addTask { content(of: try await chat(server, role: "task", prompt: self.prompt)) }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
        }
        #expect(contents.count == 30)
        #expect(Set(contents).count == 1)
        #expect(contents[0] != nil)
    }

    @Test func faultsNeverChangeTheContentOfASuccessfulReply() async throws {
        let expected = try await withServer(.init(seed: 9)) { server in
            try await contentRetrying(server, role: "task", prompt: prompt)
        }
        let options = SimProvider.Options(seed: 9, faultRate: 0.3, hangLimit: .seconds(5))
        let (contents, stats) = try await withServer(options) { server in
            let contents = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await contentRetrying(server, role: "task", prompt: self.prompt) }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let stats = try await LoopbackHTTPClient.send(port: server.port, method: "GET", path: "/sim/stats")
            return (contents, try JSONDecoder().decode(SimStatsSnapshot.self, from: stats.body))
        }
        #expect(contents.count == 30)
        #expect(contents.allSatisfy { $0 == expected })
        #expect(stats.faults.values.reduce(0, +) > 0)
    }

    @Test func differentBodiesOrSeedsGetDifferentContent() async throws {
        let prompts = [Prompts.optimizerJSON, Prompts.optimizerPlain, Prompts.loss, Prompts.gradient]
        let replies = try await withServer(.init(seed: 1)) { server in
            var replies: [String] = []
            for prompt in prompts {
                replies.append(try #require(content(of: try await chat(server, role: nil, prompt: prompt))))
            }
            return replies
        }
        #expect(Set(replies).count == prompts.count)

        var scores: Set<String> = []
        for seed in 0..<6 as Range<UInt64> {
            try await withServer(.init(seed: seed)) { server in
                let text = Prompts.task(summary: Prompts.brokenSummary)
                scores.insert(try #require(content(of: try await chat(server, role: "task", prompt: text))))
            }
        }
        #expect(scores.count > 1)
    }
}
