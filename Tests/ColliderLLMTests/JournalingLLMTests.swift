import ColliderCore
import Foundation
import Testing

@testable import ColliderLLM

struct JournalingLLMTests {
    private func request(prompt: String, sample: Int = 0) throws -> LLMRequest {
        var request = LLMRequest(
            role: .task, callKey: "", taskID: "t1", endpoint: "main", model: "m", prompt: prompt, temperature: 0.1,
            maxTokens: 256, seed: 3, extraBody: ["thinking": .object(["type": .string("disabled")])],
            timeoutSeconds: 60)
        request.callKey = try CallKey.make(
            taskID: "t1", step: 2, stage: "task", item: 7, sample: sample, requestBody: request.body)
        return request
    }

    @Test func recordsThenReplaysWithoutTheNetworkAtZeroCost() async throws {
        let inner = ScriptedLLM()
        let recorder = JournalingLLM(wrapping: inner, journal: [])
        let first = try await recorder.complete(request(prompt: "a"))
        #expect(!first.fromJournal && first.costUSD == 0.002)
        let entries = recorder.recorded
        #expect(entries.count == 1)
        var stream = recorder.newEntries.makeAsyncIterator()
        #expect(await stream.next() == entries.first)

        let resumed = JournalingLLM(wrapping: inner, journal: entries)
        let replay = try await resumed.complete(request(prompt: "a"))
        #expect(replay.fromJournal && replay.costUSD == 0 && replay.attempts.isEmpty)
        #expect(replay.content == first.content && replay.usage == first.usage)
        #expect(resumed.hits == 1 && resumed.misses == 0 && resumed.recorded.isEmpty)
        #expect(inner.callCount == 1)
    }

    @Test func aResampleHasAnotherKeyAndGoesToTheNetwork() async throws {
        let inner = ScriptedLLM()
        let original = try request(prompt: "a", sample: 0)
        let resample = try request(prompt: "a", sample: 1)
        #expect(original.callKey != resample.callKey)
        let entry = JournalEntry(
            callKey: original.callKey, requestHash: try CallKey.requestHash(original.body), content: "old",
            finishReason: "stop", usage: .zero, costUSD: 0.1, latencySeconds: 1, attempts: [])
        let llm = JournalingLLM(wrapping: inner, journal: [entry])
        #expect(try await llm.complete(resample).fromJournal == false)
        #expect(llm.hits == 0 && llm.misses == 1 && inner.callCount == 1)
    }

    @Test func aChangedBodyUnderTheSameKeyIsNotReplayed() async throws {
        let inner = ScriptedLLM()
        let original = try request(prompt: "a")
        let entry = JournalEntry(
            callKey: original.callKey, requestHash: "stale", content: "old", finishReason: "stop", usage: .zero,
            costUSD: 0, latencySeconds: 0, attempts: [])
        let llm = JournalingLLM(wrapping: inner, journal: [entry])
        #expect(try await llm.complete(original).content == "answer to a")
    }

    @Test func callKeysAreCanonicalAndSensitiveToEveryPart() throws {
        let body: JSONValue = .object(["model": .string("m"), "temperature": .double(0.5)])
        let reordered: JSONValue = .object(["temperature": .double(0.5), "model": .string("m")])
        let key = try CallKey.make(taskID: "t", step: 1, stage: "loss", item: 0, sample: 0, requestBody: body)
        #expect(
            key == (try CallKey.make(taskID: "t", step: 1, stage: "loss", item: 0, sample: 0, requestBody: reordered)))
        #expect(key.count == 64)
        #expect(key != (try CallKey.make(taskID: "t", step: 2, stage: "loss", item: 0, sample: 0, requestBody: body)))
        #expect(
            key != (try CallKey.make(taskID: "t", step: 1, stage: "gradient", item: 0, sample: 0, requestBody: body)))
        #expect(key != (try CallKey.make(taskID: "t", step: 1, stage: "loss", item: 1, sample: 0, requestBody: body)))
    }

    @Test func entriesRoundTripThroughJSON() throws {
        let entry = JournalEntry(
            callKey: "k", requestHash: "h", content: "c", finishReason: "stop", usage: Usage(promptTokens: 1),
            costUSD: 0.5, latencySeconds: 2,
            attempts: [
                AttemptRecord(
                    status: 429, failure: .infra, message: "slow", latencySeconds: 1, usage: .zero, dollars: 0)
            ])
        let decoded = try JSONDecoder().decode(JournalEntry.self, from: JSONEncoder().encode(entry))
        #expect(decoded == entry)
    }
}

struct CostLedgerTests {
    @Test func totalsByEndpointRoleAndTask() {
        let ledger = CostLedger()
        let price = Price(input: 1, cachedInput: 0.5, output: 2)
        let usage = Usage(promptTokens: 1_000_000, completionTokens: 500_000, cachedTokens: 200_000)
        #expect(price.dollars(for: usage) == 0.8 + 0.1 + 1.0)
        ledger.record(endpoint: "a", role: .task, taskID: "t1", usage: usage, dollars: 1.9)
        ledger.record(endpoint: "a", role: .loss, taskID: "t2", usage: .zero, dollars: 0)
        ledger.record(endpoint: "b", role: .task, taskID: "t1", usage: usage, dollars: 1.9)
        let snapshot = ledger.snapshot
        #expect(snapshot.total.attempts == 3 && snapshot.total.dollars == 3.8)
        #expect(snapshot.byEndpoint["a"]?.attempts == 2)
        #expect(snapshot.byRole[.task]?.usage.promptTokens == 2_000_000)
        #expect(snapshot.byTask["t1"]?.dollars == 3.8 && snapshot.byTask["t2"]?.attempts == 1)
    }
}
