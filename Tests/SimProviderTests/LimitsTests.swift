import Foundation
import Testing

@testable import SimProvider

@Suite struct LimitsTests {
    @Test func aBurstAboveTheRequestLimitIsRefusedThenRefills() {
        // 120 requests/min with 1 s of burst: 2 requests of capacity, 2 per second refill.
        var limiter = RateLimiter(requestsPerMinute: 120, tokensPerMinute: nil, burstSeconds: 1, now: 0)
        #expect(limiter.admit(tokenCost: 10, now: 0).admitted)
        #expect(limiter.admit(tokenCost: 10, now: 0).admitted)
        let refused = limiter.admit(tokenCost: 10, now: 0)
        #expect(!refused.admitted)
        #expect(abs(refused.retryAfter - 0.5) < 1e-9)
        #expect(limiter.admit(tokenCost: 10, now: 0.5).admitted)
    }

    @Test func theTokenLimitCountsTokensAndCapsOversizedRequests() {
        // 6,000 tokens/min, 1 s burst: 100 tokens of capacity, 100 per second.
        var limiter = RateLimiter(requestsPerMinute: nil, tokensPerMinute: 6_000, burstSeconds: 1, now: 0)
        #expect(limiter.admit(tokenCost: 60, now: 0).admitted)
        let refused = limiter.admit(tokenCost: 60, now: 0)
        #expect(!refused.admitted)
        #expect(abs(refused.retryAfter - 0.2) < 1e-9)
        // A request larger than the bucket waits for a full bucket, then passes.
        #expect(limiter.admit(tokenCost: 500, now: 1).admitted)
    }

    @Test func headersReportLimitRemainingAndReset() {
        var limiter = RateLimiter(requestsPerMinute: 120, tokensPerMinute: 6_000, burstSeconds: 1, now: 0)
        let headers = Dictionary(uniqueKeysWithValues: limiter.admit(tokenCost: 50, now: 0).headers)
        #expect(headers["x-ratelimit-limit-requests"] == "120")
        #expect(headers["x-ratelimit-remaining-requests"] == "1")
        #expect(headers["x-ratelimit-reset-requests"] == "500ms")
        #expect(headers["x-ratelimit-limit-tokens"] == "6000")
        #expect(headers["x-ratelimit-remaining-tokens"] == "50")
        #expect(headers["x-ratelimit-reset-tokens"] == "500ms")
    }

    @Test(arguments: [(0.02, "20ms"), (1.5, "1.5s"), (60, "1m0s"), (95.25, "1m35.25s")])
    func durationsUseOpenAINotation(seconds: Double, text: String) {
        #expect(DurationText.openAI(seconds: seconds) == text)
    }

    @Test func latencyQuantilesMatchTheFit() {
        let model = LatencyModel(p50Milliseconds: 200, p99Milliseconds: 2_000)
        var rng = SplitMix64(seed: 42)
        let samples = (0..<20_000).map { _ in model.sample(using: &rng) }.sorted()
        #expect(abs(samples[10_000] - 200) < 15)
        #expect(abs(samples[19_800] - 2_000) < 250)
        var none = SplitMix64(seed: 1)
        #expect(LatencyModel(p50Milliseconds: 0, p99Milliseconds: 0).sample(using: &none) == 0)
    }

    @Test func faultsSplitEvenlyAndDependOnTheAttempt() throws {
        let keys = try (0..<3_000).map { try RequestKey(body: .int($0), role: .task, seed: 0) }
        var counts: [Fault: Int] = [:]
        for key in keys {
            if let fault = Fault.decide(key: key, attempt: 0, rate: 0.6) { counts[fault, default: 0] += 1 }
        }
        #expect(counts.values.reduce(0, +) > 1_600 && counts.values.reduce(0, +) < 2_000)
        #expect(counts.count == Fault.allCases.count && counts.values.allSatisfy { $0 > 200 })
        #expect(Fault.decide(key: keys[0], attempt: 0, rate: 0) == nil)
        let attempts = (0..<50).map { Fault.decide(key: keys[0], attempt: $0, rate: 0.5) }
        #expect(attempts.contains(nil) && attempts.contains { $0 != nil })
    }
}
