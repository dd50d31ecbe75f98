import Testing

import ColliderLLM

/// The steady-window arithmetic of `collider bench ratelimit`, on hand-made call lists whose
/// figures follow from the definitions (requests or tokens per second ÷ limit per second).
struct RateEfficiencyTests {
    @Test(arguments: [
        (30.0, SteadyWindow(start: 3, end: 30)),
        (5.0, SteadyWindow(start: 1, end: 5)),
        (1.5, SteadyWindow(start: 0.75, end: 1.5)),
    ])
    func warmupIsTheLongerOfATenthAndOneSecondButAtMostHalf(duration: Double, window: SteadyWindow) {
        #expect(SteadyWindow(duration: duration) == window)
    }

    private func call(_ start: Double, _ end: Double, ok: Bool = true, tokens: Int = 100, _ statuses: [Int?] = [200])
        -> BenchCall
    {
        BenchCall(startedAt: start, finishedAt: end, succeeded: ok, tokens: tokens, statuses: statuses)
    }

    @Test func requestBoundRunCountsOnlyTheWindow() {
        let window = SteadyWindow(start: 1, end: 3)
        // 10 warm-up calls, then 1 per 0.01 s in [1, 3): 200 calls, i.e. 100/s against 120/s allowed.
        let calls = (0..<10).map { _ in call(0, 0.01) } + (0..<200).map { call(1 + Double($0) / 100, 1 + Double($0) / 100) }
        let measured = RateEfficiency(calls: calls, window: window, requestsPerMinute: 7_200, tokensPerMinute: 0)
        #expect(measured.requests == 200)
        #expect(measured.attempts == 200)
        #expect(abs(measured.efficiency - 100.0 / 120.0) < 1e-12)
        #expect(measured.share429 == 0)
    }

    @Test func tokenBoundRunUsesTheBindingLimit() {
        let window = SteadyWindow(start: 0, end: 2)
        // 20 calls of 500 tokens in 2 s: 10 req/s of 60 allowed, 5,000 tok/s of 6,000 allowed.
        let calls = (0..<20).map { call(Double($0) / 10, Double($0) / 10, tokens: 500) }
        let measured = RateEfficiency(calls: calls, window: window, requestsPerMinute: 3_600, tokensPerMinute: 360_000)
        #expect(abs(measured.efficiency - 5_000.0 / 6_000.0) < 1e-12)
    }

    @Test func share429CountsEveryAttemptOfCallsStartedInTheWindow() {
        let window = SteadyWindow(start: 1, end: 2)
        let calls = [
            call(0.5, 1.5, [429, 200]),  // started in the warm-up: not counted in attempts
            call(1.1, 1.6, [429, 429, 200]),
            call(1.2, 1.2, [200]),
            call(1.3, 2.5, ok: false, tokens: 0, [429, nil, 503, 200]),  // finished late: attempts only
            call(1.4, 1.4, [200]),
        ]
        let measured = RateEfficiency(calls: calls, window: window, requestsPerMinute: 600, tokensPerMinute: 0)
        #expect(measured.attempts == 9)
        #expect(abs(measured.share429 - 3.0 / 9.0) < 1e-12)
        // 1.5, 1.6, 1.2, 1.4 finished successfully inside: 4 per second of 10 allowed.
        #expect(measured.requests == 4)
        #expect(abs(measured.efficiency - 0.4) < 1e-12)
    }

    @Test func noLimitsMeansNoEfficiency() {
        let measured = RateEfficiency(
            calls: [call(0, 0)], window: SteadyWindow(start: 0, end: 1), requestsPerMinute: 0, tokensPerMinute: 0)
        #expect(measured.efficiency == 0)
        #expect(measured.requests == 1)
    }
}
