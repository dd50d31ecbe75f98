import ColliderCoordinator
import Foundation
import Testing

/// Rates, the 429 share and the ETA from samples with made-up times (no clock, no sleeps).
struct ProgressMeterTests {
    static let start = Date(timeIntervalSince1970: 1_000_000)

    static func sample(
        _ seconds: Double, done: Int, leased: Int = 0, pending: Int, failed: Int = 0, calls: Int = 0, tokens: Int = 0,
        rateLimited: Int = 0, running: [Double] = []
    ) -> ProgressSample {
        ProgressSample(
            at: start.addingTimeInterval(seconds),
            counts: ["done": done, "leased": leased, "pending": pending, "failed": failed], calls: calls,
            tokens: tokens, dollars: Double(calls) * 0.001, rateLimited: rateLimited, running: running)
    }

    @Test func ratesAreMeasuredOverTheWindow() {
        var meter = ProgressMeter(window: 60)
        meter.record(Self.sample(0, done: 0, pending: 10, calls: 0, tokens: 0))
        #expect(meter.callsPerSecond == nil)
        meter.record(Self.sample(30, done: 0, pending: 10, calls: 300, tokens: 6_000))
        #expect(meter.callsPerSecond == 10)
        #expect(meter.tokensPerSecond == 200)
        meter.record(Self.sample(90, done: 0, pending: 10, calls: 1_500, tokens: 6_000))
        // The window keeps the sample at 30 s (the newest one at least 60 s old): (1500-300)/60.
        #expect(meter.samples.count == 2)
        #expect(meter.callsPerSecond == 20)
    }

    @Test func theETACountsThePartialProgressOfRunningTasks() {
        var meter = ProgressMeter(window: 600)
        // Four tasks; after 100 s none has finished but two are half through: 1 task of work per 100 s.
        meter.record(Self.sample(0, done: 0, leased: 2, pending: 2, running: [0, 0]))
        meter.record(Self.sample(100, done: 0, leased: 2, pending: 2, running: [0.5, 0.5]))
        #expect(meter.latest?.work == 1)
        #expect(meter.etaSeconds == 300)
        // Without partial progress there would be no rate, hence no ETA.
        var coarse = ProgressMeter(window: 600)
        coarse.record(Self.sample(0, done: 0, leased: 2, pending: 2))
        coarse.record(Self.sample(100, done: 0, leased: 2, pending: 2))
        #expect(coarse.etaSeconds == nil)
    }

    @Test func finishedAndFailedTasksAreWorkDoneAndNothingLeftMeansNoWait() {
        var meter = ProgressMeter()
        meter.record(Self.sample(0, done: 1, pending: 3))
        meter.record(Self.sample(10, done: 2, pending: 1, failed: 1))
        // Two tasks finished (one failed) in 10 s, one left: 5 s.
        #expect(meter.etaSeconds == 5)
        meter.record(Self.sample(20, done: 3, pending: 0, failed: 1))
        #expect(meter.etaSeconds == 0)
    }

    @Test func theRateLimitedShareIsOfAllAttempts() {
        var meter = ProgressMeter()
        meter.record(Self.sample(0, done: 0, pending: 1))
        #expect(meter.rateLimitedShare == nil)
        meter.record(Self.sample(1, done: 0, pending: 1, calls: 90, rateLimited: 10))
        #expect(meter.rateLimitedShare == 0.1)
    }

    @Test func aRunsFractionCountsTheBaselineAsAStep() {
        #expect(ProgressSample.fraction(lastStep: -1, totalSteps: 3) == 0)
        #expect(ProgressSample.fraction(lastStep: 1, totalSteps: 3) == 0.5)
        #expect(ProgressSample.fraction(lastStep: 3, totalSteps: 3) == 1)
        #expect(ProgressSample.fraction(lastStep: nil, totalSteps: 3) == 0)
        #expect(ProgressSample.fraction(lastStep: 2, totalSteps: nil) == 0)
    }

    @Test func theLineKeepsTheFieldsScriptsRead() {
        var meter = ProgressMeter()
        meter.record(Self.sample(0, done: 0, leased: 1, pending: 3, calls: 0))
        meter.record(Self.sample(10, done: 1, leased: 1, pending: 2, calls: 50, tokens: 1_000, rateLimited: 50))
        let line = ProgressLine.render(meter)
        #expect(line.hasPrefix("done 1  leased 1  pending 2  failed 0  calls 50  $0.0500  tokens 1000"), "\(line)")
        #expect(line.contains("5.0 calls/s") && line.contains("429 50.0%") && line.contains("ETA 30s"), "\(line)")
        #expect(ProgressLine.duration(185) == "3m05s" && ProgressLine.duration(7_620) == "2h07m")
    }
}
