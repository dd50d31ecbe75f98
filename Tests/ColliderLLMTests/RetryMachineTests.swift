import Testing

import ColliderCore
@testable import ColliderLLM

struct RetryMachineTests {
    private func machine(_ policy: RetryPolicy = RetryPolicy(), seed: UInt64 = 7) -> RetryMachine<SplitMix64> {
        RetryMachine(policy: policy, generator: SplitMix64(state: seed))
    }

    private func infra(_ status: Int? = 503, _ message: String = "busy", retryAfter: Double? = nil) -> AttemptFailure {
        AttemptFailure(.infra, status: status, message: message, retryAfterSeconds: retryAfter)
    }

    @Test func backoffIsFullJitterUnderADoublingCeiling() {
        var retry = machine(RetryPolicy(maxAttempts: 8, baseDelaySeconds: 1, maxDelaySeconds: 10))
        for attempt in 1...7 {
            let decision = retry.next(after: infra(nil, "timeout"))
            guard case .retry(let delay) = decision else {
                Issue.record("attempt \(attempt) should be retried, got \(decision)")
                return
            }
            let ceiling = min(10, Double(1 << (attempt - 1)))
            #expect(delay >= 0 && delay <= ceiling)
        }
        #expect(retry.next(after: infra(nil, "timeout")) == .stop(reason: "gave up after 8 attempts"))
    }

    @Test func sameSeedSameDelays() {
        var first = machine(seed: 42)
        var second = machine(seed: 42)
        for _ in 1...5 {
            #expect(first.next(after: infra(nil, "timeout")) == second.next(after: infra(nil, "timeout")))
        }
    }

    @Test func retryAfterIsAFloor() {
        var retry = machine(RetryPolicy(baseDelaySeconds: 0.001, maxDelaySeconds: 0.001))
        #expect(retry.next(after: infra(429, "rate limited", retryAfter: 3)) == .retry(afterSeconds: 3))
    }

    @Test(arguments: [FailureClass.config, .cancelled, .bug])
    func nonRetryableClassesStopAtOnce(failure: FailureClass) {
        var retry = machine()
        #expect(!retry.next(after: AttemptFailure(failure, status: 400, message: "bad")).isRetry)
        #expect(retry.failures == 1)
    }

    @Test func sameDeterministicErrorThreeTimesStopsEarly() {
        var retry = machine()
        #expect(retry.next(after: infra(500, "boom")).isRetry)
        #expect(retry.next(after: infra(500, "boom")).isRetry)
        #expect(retry.next(after: infra(500, "boom")) == .stop(reason: "the same error 3 times in a row"))
    }

    @Test func differentErrorsResetTheStreak() {
        var retry = machine()
        for message in ["a", "a", "b", "b", "a", "a"] {
            #expect(retry.next(after: infra(500, message)).isRetry)
        }
    }

    @Test func rateLimitsAndModelErrorsAreNotDeterministic() {
        var retry = machine()
        var model = machine()
        for _ in 1...5 {
            #expect(retry.next(after: infra(429, "slow down")).isRetry)
            #expect(model.next(after: AttemptFailure(.model, status: 200, message: "empty")).isRetry)
        }
    }

    @Test func totalBackoffBudgetStopsTheCall() {
        var retry = machine(RetryPolicy(maxTotalBackoffSeconds: 5))
        #expect(retry.next(after: infra(429, "x", retryAfter: 4)) == .retry(afterSeconds: 4))
        #expect(
            retry.next(after: infra(429, "x", retryAfter: 4)) == .stop(reason: "the backoff budget of 5.0 s is spent"))
    }

    @Test(arguments: [
        (429, FailureClass.infra), (500, .infra), (503, .infra), (408, .infra), (400, .config), (401, .config),
        (404, .config),
    ])
    func classifiesStatuses(status: Int, expected: FailureClass) {
        let outcome = RetryPolicy.classify(status: status, response: .error(message: "m"), retryAfterSeconds: nil)
        #expect(outcome == .failure(AttemptFailure(expected, status: status, message: "m")))
    }

    @Test func classifiesEmptyContentAsModelAndTransportErrors() {
        let usage = Usage(promptTokens: 9)
        let empty = RetryPolicy.classify(
            status: 200, response: .completion(content: "", finishReason: "stop", usage: usage), retryAfterSeconds: nil)
        #expect(
            empty == .failure(AttemptFailure(.model, status: 200, message: "the reply has empty content", usage: usage))
        )
        #expect(RetryPolicy.classify(TransportError(.timeout, "t")).failure == .infra)
        #expect(RetryPolicy.classify(TransportError(.connection, "c")).failure == .infra)
        #expect(RetryPolicy.classify(TransportError(.invalidRequest, "u")).failure == .config)
        #expect(RetryPolicy.classify(TransportError(.cancelled, "x")).failure == .cancelled)
    }
}

extension RetryDecision {
    var isRetry: Bool {
        if case .retry = self { return true }
        return false
    }
}
