import Foundation
import SimProvider
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ChatCompletionsTests {
    @Test func taskRepliesAreOpenAIShapedAndScoreEveryCriterion() async throws {
        let prompt = Prompts.task(summary: Prompts.fluentSummary, formatValues: "1|2|3")
        let reply = try await withServer { try await chat($0, role: "task", prompt: prompt) }
        #expect(reply.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        #expect(object["object"] as? String == "chat.completion")
        #expect(object["model"] as? String == "sim-model")
        #expect((object["id"] as? String)?.hasPrefix("chatcmpl-") == true)
        let choice = try #require((object["choices"] as? [[String: Any]])?.first)
        #expect(choice["finish_reason"] as? String == "stop")
        #expect((choice["message"] as? [String: Any])?["role"] as? String == "assistant")
        let usage = try #require(object["usage"] as? [String: Any])
        #expect(usage["prompt_tokens"] as? Int == (prompt.count + 3) / 4)
        #expect((usage["prompt_tokens_details"] as? [String: Any])?["cached_tokens"] as? Int == 0)

        let text = try #require(content(of: reply))
        #expect(text.hasPrefix("```json"))
        let scores = try #require(parseJSONObject(text))
        #expect(Set(scores.keys) == Set(Prompts.criteria))
        for value in scores.values {
            let score = try #require(value as? Int)
            #expect((1...3).contains(score))
        }
    }

    @Test func optimizerRepliesJSONOrPlainTextAsAsked() async throws {
        try await withServer { server in
            let json = try #require(content(of: try await chat(server, role: "optimizer", prompt: Prompts.optimizerJSON)))
            let object = try #require(parseJSONObject(json))
            let instructions = try #require(object["instructions"] as? [String: String])
            #expect(Set(instructions.keys) == ["fluency", "coherence"])
            #expect(instructions["fluency"]!.hasPrefix("Rate from 1 to 5. "))
            #expect(CriterionCuesProbe.namesACue(instructions["fluency"]!, of: "fluency"))
            #expect(CriterionCuesProbe.namesACue(instructions["coherence"]!, of: "coherence"))

            let plain = try #require(content(of: try await chat(server, role: "optimizer", prompt: Prompts.optimizerPlain)))
            #expect(!plain.contains("{"))
            #expect(plain.hasPrefix("Rate from 1 to 5. "))
            #expect(CriterionCuesProbe.namesACue(plain, of: "relevance"))
        }
    }

    @Test func malformedRateOneMakesOptimizerJSONUnparsable() async throws {
        try await withServer(.init(malformedRate: 1)) { server in
            for temperature in [0.1, 0.3, 0.5, 0.7, 0.9] {
                let body = Prompts.body(Prompts.optimizerJSON, temperature: temperature)
                let reply = try await chat(server, role: "optimizer", prompt: "", body: body)
                let text = try #require(content(of: reply))
                #expect(parseJSONObject(text) == nil, "parsed: \(text)")
            }
        }
    }

    @Test func lossGradientAndJudgeReplies() async throws {
        try await withServer { server in
            let loss = try #require(content(of: try await chat(server, role: "loss", prompt: Prompts.loss)))
            #expect(loss.contains("coherence"))
            let gradient = try #require(content(of: try await chat(server, role: "gradient", prompt: Prompts.gradient)))
            #expect(gradient.components(separatedBy: "\n\n").count == 3)
            for temperature in [0.0, 0.2, 0.4, 0.6, 0.8] {
                let body = Prompts.body(Prompts.judge, temperature: temperature)
                let judge = try #require(content(of: try await chat(server, role: "judge", prompt: "", body: body)))
                let value = try #require(Int(judge))
                #expect((1...10).contains(value))
            }
        }
    }

    @Test func badRequestsAreRefusedOpenAIStyle() async throws {
        try await withServer { server in
            let bad = try await chat(server, role: "task", prompt: "", body: Data("{not json".utf8))
            #expect(bad.status == 400)
            let error = try #require(try JSONSerialization.jsonObject(with: bad.body) as? [String: [String: String]])
            #expect(error["error"]?["type"] == "invalid_request_error")
            #expect(error["error"]?["message"]?.isEmpty == false)
            let unknownRole = try await chat(server, role: "poet", prompt: "Hello")
            #expect(unknownRole.status == 400)
        }
    }

    @Test func anAPIKeyIsRequiredWhenConfigured() async throws {
        try await withServer(.init(apiKey: SimAPIKey("sk-test"))) { server in
            let missing = try await chat(server, role: "judge", prompt: Prompts.judge)
            #expect(missing.status == 401)
            let wrong = try await chat(server, role: "judge", prompt: Prompts.judge, headers: ["Authorization": "Bearer x"])
            #expect(wrong.status == 401)
            let right = try await chat(
                server, role: "judge", prompt: Prompts.judge, headers: ["Authorization": "Bearer sk-test"])
            #expect(right.status == 200)
        }
    }

    @Test func healthAndModels() async throws {
        try await withServer { server in
            let health = try await LoopbackHTTPClient.send(port: server.port, method: "GET", path: "/health")
            #expect(health.status == 200)
            let models = try await LoopbackHTTPClient.send(port: server.port, method: "GET", path: "/v1/models")
            let object = try #require(try JSONSerialization.jsonObject(with: models.body) as? [String: Any])
            #expect(object["object"] as? String == "list")
            #expect((object["data"] as? [[String: Any]])?.first?["id"] as? String == "collider-sim")
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)/v1")
        }
    }
}

/// Whether a text names one of a criterion's cue words (independent list, kept short on purpose).
enum CriterionCuesProbe {
    static func namesACue(_ text: String, of criterion: String) -> Bool {
        let cues: [String: [String]] = [
            "fluency": ["grammar", "punctuation", "spelling", "well-formed", "awkward"],
            "coherence": ["order", "flow", "structure", "logical", "transition", "organiz"],
            "relevance": ["key point", "important", "main idea", "essential", "redundan"],
        ]
        return cues[criterion, default: []].contains { text.lowercased().contains($0) }
    }
}
