import Synchronization

import ColliderCore
@testable import ColliderLLM

/// An `LLM` double for journal tests: answers every request with a reply derived from its prompt
/// and counts the calls it received.
final class ScriptedLLM: LLM {
    private let calls = Mutex(0)

    var callCount: Int { calls.withLock { $0 } }

    func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply {
        calls.withLock { $0 += 1 }
        let usage = Usage(promptTokens: 10, completionTokens: 5)
        let attempt = AttemptRecord(status: 200, failure: nil, latencySeconds: 0.5, usage: usage, dollars: 0.002)
        return LLMReply(
            content: "answer to \(request.prompt)", finishReason: "stop", usage: usage, attempts: [attempt],
            costUSD: 0.002, latencySeconds: 0.5)
    }
}
