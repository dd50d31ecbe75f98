import Foundation
import Testing

import ColliderCore
@testable import ColliderLLM

struct RateLimiterTests {
    private let t0 = ContinuousClock.now

    private func at(_ seconds: Double) -> ContinuousClock.Instant {
        t0 + .seconds(seconds)
    }

    /// A limiter whose buckets hold a whole minute, so the tests below count in per-minute units;
    /// the default half-second burst has a test of its own.
    private func limiter(rpm: Int = 60, tpm: Int = 0, inFlight: Int = 100) -> RateLimiter {
        RateLimiter(
            settings: RateLimitSettings(
                requestsPerMinute: rpm, tokensPerMinute: tpm, maxInFlight: inFlight, burstSeconds: 60))
    }

    @discardableResult
    private func go(_ machine: inout RateLimiter, estimate: Int = 10, at seconds: Double) -> Permit? {
        if case .go(let permit) = machine.acquire(estimate: estimate, now: at(seconds)) { return permit }
        return nil
    }

    @Test func requestsPerMinuteBurstThenPace() throws {
        var machine = limiter(rpm: 60)
        for _ in 0..<60 { try #require(go(&machine, at: 0) != nil) }
        #expect(machine.acquire(estimate: 10, now: at(0)) == .wait(until: at(1)))
        #expect(go(&machine, at: 1) != nil)
        #expect(go(&machine, at: 1) == nil)
    }

    @Test func tokensPerMinuteReconciledWithActualUsage() throws {
        var machine = limiter(rpm: 0, tpm: 6000)
        let big = try #require(go(&machine, estimate: 6000, at: 0))
        #expect(machine.acquire(estimate: 600, now: at(0)) == .wait(until: at(6)))
        machine.release(big, actualTokens: 600, now: at(0))
        #expect(go(&machine, estimate: 600, at: 0) != nil)
    }

    @Test func oversizedRequestGoesWhenBucketIsFull() {
        var machine = limiter(rpm: 0, tpm: 100)
        #expect(go(&machine, estimate: 500, at: 0) != nil)
        #expect(go(&machine, estimate: 1, at: 1) == nil)
    }

    @Test func maxInFlightWaitsForARelease() throws {
        var machine = limiter(inFlight: 2)
        let first = try #require(go(&machine, at: 0))
        try #require(go(&machine, at: 0) != nil)
        #expect(machine.acquire(estimate: 10, now: at(0)) == .wait(until: nil))
        machine.release(first, actualTokens: nil, now: at(0.1))
        #expect(go(&machine, at: 0.1) != nil)
        #expect(machine.inFlightCount == 2)
    }

    @Test func a429PausesTheEndpointForRetryAfterAndCutsTheRateOnce() {
        var machine = limiter(rpm: 600)
        machine.record429(retryAfterSeconds: 2, now: at(10))
        #expect(machine.rateFactor == 0.5)
        #expect(machine.acquire(estimate: 10, now: at(10.5)) == .wait(until: at(12)))
        machine.record429(retryAfterSeconds: 2, now: at(10.2))
        machine.record429(retryAfterSeconds: nil, now: at(11))
        #expect(machine.cuts == 1)
        #expect(machine.rateFactor == 0.5)
        #expect(machine.pausedUntil == at(12.2))
    }

    @Test func separateBurstsCutAgainDownToTheFloor() {
        var machine = RateLimiter(
            settings: RateLimitSettings(
                requestsPerMinute: 600, tokensPerMinute: 0, maxInFlight: 10, minimumRateFactor: 0.2,
                recoveryPerSecond: 0, cutDebounceSeconds: 5))
        for burst in 0..<4 { machine.record429(retryAfterSeconds: 1, now: at(Double(burst) * 10)) }
        #expect(machine.cuts == 4)
        #expect(machine.rateFactor == 0.2)
    }

    @Test func rateRecoversAdditivelyAfterTheQuietWindow() {
        var machine = RateLimiter(
            settings: RateLimitSettings(
                requestsPerMinute: 600, tokensPerMinute: 0, maxInFlight: 10, recoveryPerSecond: 0.01,
                cutDebounceSeconds: 5))
        machine.record429(retryAfterSeconds: 1, now: at(0))
        _ = machine.acquire(estimate: 1, now: at(5))
        #expect(machine.rateFactor == 0.5)
        _ = machine.acquire(estimate: 1, now: at(25))
        #expect(abs(machine.rateFactor - 0.7) < 1e-9)
        _ = machine.acquire(estimate: 1, now: at(200))
        #expect(machine.rateFactor == 1)
    }

    @Test func aCutSlowsRefill() throws {
        var machine = limiter(rpm: 60)
        for _ in 0..<60 { _ = try #require(go(&machine, at: 0)) }
        machine.record429(retryAfterSeconds: 0, now: at(0))
        #expect(machine.acquire(estimate: 1, now: at(0)) == .wait(until: at(2)))
    }

    @Test func aCutLeavesUnlimitedBucketsUnlimited() {
        var machine = limiter(rpm: 0, tpm: 0)
        machine.record429(retryAfterSeconds: 1, now: at(0))
        #expect(go(&machine, estimate: 1000, at: 1) != nil)
    }

    @Test func exhaustedServerQuotaHoldsUntilReset() {
        var machine = limiter()
        machine.observe(RateLimitHeaders(remainingRequests: 0, resetRequestsSeconds: 3), now: at(0))
        #expect(machine.acquire(estimate: 1, now: at(1)) == .wait(until: at(3)))
        #expect(go(&machine, at: 3) != nil)
        machine.observe(RateLimitHeaders(remainingRequests: 5, remainingTokens: 900), now: at(3))
        #expect(go(&machine, at: 3) != nil)
    }

    @Test func defaultBurstIsHalfASecondOfEachLimit() {
        var machine = RateLimiter(
            settings: RateLimitSettings(requestsPerMinute: 960, tokensPerMinute: 60_000, maxInFlight: 100))
        for _ in 0..<8 { #expect(go(&machine, estimate: 50, at: 0) != nil) }
        #expect(machine.acquire(estimate: 50, now: at(0)) == .wait(until: at(0.0625)))
        #expect(go(&machine, estimate: 50, at: 0.0625) != nil)

        var tokenBound = RateLimiter(
            settings: RateLimitSettings(requestsPerMinute: 0, tokensPerMinute: 12_000, maxInFlight: 100))
        #expect(go(&tokenBound, estimate: 100, at: 0) != nil)
        #expect(tokenBound.acquire(estimate: 50, now: at(0)) == .wait(until: at(0.25)))
    }

    @Test func exhaustedServerQuotaAtOurOwnLimitDoesNotHold() {
        var machine = limiter(rpm: 240)
        machine.observe(
            RateLimitHeaders(remainingRequests: 0, resetRequestsSeconds: 1, limitRequests: 240), now: at(0))
        #expect(go(&machine, at: 0) != nil)
    }

    @Test func exhaustedServerQuotaBelowOurLimitHoldsUntilReset() {
        var machine = limiter(rpm: 240)
        machine.observe(
            RateLimitHeaders(remainingRequests: 0, resetRequestsSeconds: 2, limitRequests: 120), now: at(0))
        #expect(machine.acquire(estimate: 1, now: at(1)) == .wait(until: at(2)))
        var unlimited = limiter(rpm: 0)
        unlimited.observe(
            RateLimitHeaders(remainingTokens: 0, resetTokensSeconds: 2, limitTokens: 1_000), now: at(0))
        #expect(unlimited.acquire(estimate: 1, now: at(1)) == .wait(until: at(2)))
    }

    @Test func grantedCapacityIsTheOnlyCapacity() {
        var machine = RateLimiter(
            settings: RateLimitSettings(requestsPerMinute: 0, tokensPerMinute: 0, maxInFlight: 10),
            source: GrantedCapacity(pollSeconds: 0.5))
        #expect(machine.acquire(estimate: 10, now: at(0)) == .wait(until: at(0.5)))
        // 4 requests over 4 s: one at once, then one a second.
        machine.grant(requests: 4, tokens: 400, now: at(1), until: at(5))
        #expect(go(&machine, estimate: 40, at: 1) != nil)
        #expect(go(&machine, estimate: 40, at: 1) == nil)
        #expect(go(&machine, estimate: 40, at: 2) != nil)
        #expect(go(&machine, estimate: 40, at: 3) != nil)
        #expect(go(&machine, estimate: 40, at: 4) != nil)
        // The grant's four are spent; nothing more before a new grant, nor after it expired.
        #expect(go(&machine, estimate: 40, at: 4.9) == nil)
        #expect(go(&machine, estimate: 10, at: 6) == nil)
    }

    @Test func aGrantIsSpentPacedAndARenewalKeepsThePace() {
        var source = GrantedCapacity(limitsTokens: false, burstSeconds: 0.5)
        var sent: [Double] = []
        // 10/s granted for 2 s, renewed every second; callers try every 10 ms for 10 s.
        for tick in 0..<1_000 {
            let now = Double(tick) / 100
            if tick % 100 == 0 { source.grant(requests: 20, tokens: 0, now: at(now), until: at(now + 2)) }
            while source.take(tokens: 50, rateFactor: 1, now: at(now)) == nil { sent.append(now) }
        }
        // 10/s and one at the start: never more than 1 + 10 × t by time t, and no burst past
        // half a second of the rate.
        #expect(sent.count <= 101 && sent.count >= 95)
        for (index, time) in sent.enumerated() { #expect(Double(index) <= 1 + 10 * time + 1e-9, "\(index) at \(time)") }
        #expect(Dictionary(grouping: sent, by: { $0 }).values.map(\.count).max()! <= 5)
    }

    @Test func aPauseFromTheAuthorityHoldsAndDropsTheGrant() {
        var machine = RateLimiter(
            settings: RateLimitSettings(requestsPerMinute: 600, tokensPerMinute: 0, maxInFlight: 10),
            source: GrantedCapacity(limitsTokens: false))
        machine.grant(requests: 20, tokens: 0, now: at(0), until: at(2))
        #expect(go(&machine, estimate: 1, at: 0) != nil)
        machine.pause(until: at(1))
        #expect(machine.acquire(estimate: 1, now: at(0.5)) == .wait(until: at(1)))
        // Still inside the old grant's time, but it was dropped.
        #expect(go(&machine, estimate: 1, at: 1.5) == nil)
        #expect(machine.rateFactor == 1)
    }
}

struct RateLimitHeadersTests {
    private let wallNow = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func retryAfterSecondsMillisecondsAndHTTPDate() {
        #expect(RateLimitHeaders.parse(["retry-after": "7"], wallNow: wallNow).retryAfterSeconds == 7)
        #expect(
            RateLimitHeaders.parse(["retry-after": "7", "retry-after-ms": "1500"], wallNow: wallNow)
                .retryAfterSeconds == 1.5)
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(
            RateLimitHeaders.parse(["retry-after": "Tue, 14 Nov 2023 22:13:50 GMT"], wallNow: wallNow)
                .retryAfterSeconds == 30)
        #expect(RateLimitHeaders.parse(["retry-after": "soon"], wallNow: wallNow).retryAfterSeconds == nil)
    }

    @Test(arguments: [
        ("1s", 1.0), ("6m0s", 360), ("20ms", 0.02), ("1h2m3.5s", 3723.5), ("2.5", 2.5), ("1700000010", 10),
        ("1700000004000", 4),
    ])
    func resetForms(text: String, seconds: Double) throws {
        let parsed = try #require(RateLimitHeaders.reset(text, wallNow: wallNow))
        #expect(abs(parsed - seconds) < 1e-6)
    }

    @Test func remainingCounts() {
        let headers = RateLimitHeaders.parse(
            [
                "x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "1200",
                "x-ratelimit-reset-requests": "2s", "x-ratelimit-reset-tokens": "150ms",
            ], wallNow: wallNow)
        #expect(
            headers
                == RateLimitHeaders(
                    remainingRequests: 0, remainingTokens: 1200, resetRequestsSeconds: 2, resetTokensSeconds: 0.15))
    }

    @Test func limits() {
        let headers = RateLimitHeaders.parse(
            ["x-ratelimit-limit-requests": "600", "x-ratelimit-limit-tokens": " 90000"], wallNow: wallNow)
        #expect(headers == RateLimitHeaders(limitRequests: 600, limitTokens: 90_000))
        #expect(RateLimitHeaders.parse(["x-ratelimit-limit": "60"], wallNow: wallNow).limitRequests == 60)
    }
}
