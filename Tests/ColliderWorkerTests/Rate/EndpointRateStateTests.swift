import ColliderLLM
import ColliderTransport
import Testing

@testable import ColliderWorker

struct EndpointRateStateTests {
    static let options = FleetRateOptions(grantSeconds: 2, askAhead: 0.5, replyTimeout: 2, fallbackShare: 0.25, idleSeconds: 5)

    static func state() -> EndpointRateState {
        EndpointRateState(endpoint: "sim", requestsPerMinute: 600, tokensPerMinute: 60_000, options: options)
    }

    static let busy = GateActivity(acquires: 3)

    static func asks(_ steps: [EndpointRateState.Step]) -> [RateRequest] {
        steps.compactMap { if case .ask(let request) = $0 { request } else { nil } }
    }

    @Test func asksOnlyWhenSomeoneWantsToSendAndForTheWholeLimitsOfAGrantLength() {
        var state = Self.state()
        #expect(state.tick(now: 0, activity: GateActivity()).isEmpty)
        let steps = state.tick(now: 0.05, activity: Self.busy)
        // 2 s of 600/min and 60,000/min.
        #expect(Self.asks(steps) == [RateRequest(endpoint: "sim", requests: 20, tokens: 2_000)])
        // One request at a time: nothing more while the reply is due.
        #expect(state.tick(now: 0.1, activity: Self.busy).isEmpty)
    }

    @Test func asksAgainHalfwayThroughAGrantAndStopsWhenIdle() {
        var state = Self.state()
        _ = state.tick(now: 0, activity: Self.busy)
        #expect(state.received(requests: 10, tokens: 1_000, seconds: 2, now: 0.1) == [.grant(requests: 10, tokens: 1_000, seconds: 2)])
        #expect(state.tick(now: 1.0, activity: Self.busy).isEmpty)
        #expect(Self.asks(state.tick(now: 1.1, activity: Self.busy)).count == 1)
        _ = state.received(requests: 10, tokens: 1_000, seconds: 2, now: 1.2)
        // Nobody called for longer than idleSeconds: no more asking.
        #expect(state.tick(now: 6.3, activity: GateActivity()).isEmpty)
        #expect(Self.asks(state.tick(now: 6.4, activity: GateActivity(waiting: 1))).count == 1)
    }

    @Test func aZeroGrantMeansAskAgainWhenItEnds() {
        var state = Self.state()
        _ = state.tick(now: 0, activity: Self.busy)
        #expect(state.received(requests: 0, tokens: 0, seconds: 0.5, now: 0.1) == [.grant(requests: 0, tokens: 0, seconds: 0.5)])
        #expect(state.tick(now: 0.5, activity: Self.busy).isEmpty)
        #expect(Self.asks(state.tick(now: 0.6, activity: Self.busy)).count == 1)
    }

    @Test func a429IsReportedAtOnceWithTheLongestRetryAfter() {
        var state = Self.state()
        _ = state.tick(now: 0, activity: Self.busy)
        let steps = state.tick(now: 0.2, activity: GateActivity(acquires: 1, rateLimited: 2, retryAfterSeconds: 3))
        #expect(Self.asks(steps) == [RateRequest(endpoint: "sim", requests: 20, tokens: 2_000, rateLimited: 2, retryAfterSeconds: 3)])
        // Reported once.
        _ = state.received(requests: 0, tokens: 0, seconds: 3, now: 0.3)
        #expect(Self.asks(state.tick(now: 3.4, activity: Self.busy)).map(\.rateLimited) == [nil])
    }

    @Test func aPauseHoldsTheGateAndTheNextRequest() {
        var state = Self.state()
        _ = state.tick(now: 0, activity: Self.busy)
        _ = state.received(requests: 10, tokens: 1_000, seconds: 2, now: 0.1)
        #expect(state.paused(seconds: 4, now: 0.5) == [.pause(seconds: 4)])
        #expect(state.tick(now: 4.4, activity: Self.busy).isEmpty)
        #expect(Self.asks(state.tick(now: 4.5, activity: Self.busy)).count == 1)
    }

    @Test func withoutAReplyItFallsBackToAQuarterThenToItsLastGrantsRate() {
        var state = Self.state()
        _ = state.tick(now: 0, activity: Self.busy)
        #expect(state.tick(now: 1.9, activity: Self.busy).isEmpty)
        // No reply within 2 s: a quarter of 600/min (2.5/s) for timeout + grant length, and ask again.
        let fallback = state.tick(now: 2, activity: Self.busy)
        #expect(fallback.first == .grant(requests: 10, tokens: 1_000, seconds: 4))
        #expect(Self.asks(fallback).count == 1)
        #expect(state.fallingBack)
        // A grant ends the fallback; a later silence keeps to that grant's rate (6/s).
        _ = state.received(requests: 12, tokens: 600, seconds: 2, now: 2.5)
        #expect(!state.fallingBack)
        _ = state.tick(now: 3.5, activity: Self.busy)
        #expect(state.tick(now: 5.5, activity: Self.busy).first == .grant(requests: 24, tokens: 1_200, seconds: 4))
    }
}
