import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// The pipeline computes its call keys with Core's `CallKey`, as the journal does, so the worker's journal
/// replays them; re-samples and re-evaluations get keys of their own.
struct CallKeyTests {
    @Test func keysFollowTheLLMLayersFormat() async throws {
        let llm = ScriptedLLM(criteria: RunFixtures.criteria)
        let spec = RunFixtures.spec(mode: .SSS, gate: .none, steps: 1)
        _ = try await Run(spec: spec, data: RunFixtures.data(), llm: llm, sink: RecordingSink()).start()
        let requests = llm.requests
        let firstTest = try #require(requests.first { $0.role == .task && $0.prompt.contains("Summary 12 of") })
        #expect(
            try CallKey.make(taskID: spec.taskID, step: 0, stage: "test", item: 12, sample: 0, requestBody: firstTest.body)
                == firstTest.callKey)
        let loss = try #require(requests.first { $0.role == .loss && $0.prompt.contains("criterion \"relevance\"") })
        // The loss call is about one of the training items.
        let keys = try RunFixtures.data().train.map { item in
            try CallKey.make(taskID: spec.taskID, step: 1, stage: "loss/relevance", item: item, sample: 0, requestBody: loss.body)
        }
        #expect(keys.contains(loss.callKey))
        #expect(Set(requests.map(\.callKey)).count == requests.count)
        #expect(Set(requests.compactMap(\.seed)).count == requests.count)
        #expect(requests.allSatisfy { $0.taskID == spec.taskID })
    }
}
