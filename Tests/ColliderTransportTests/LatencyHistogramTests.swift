import Foundation
import Testing

@testable import ColliderTransport

/// The histogram against brute force: every quantile it gives is the exact nearest-rank quantile
/// of the recorded values, rounded up by at most a sixteenth.
struct LatencyHistogramTests {
    /// A seeded generator, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func quantilesAreTheExactOnesRoundedUpByAtMostASixteenth() {
        var random = SplitMix(state: 20_261_129)
        for trial in 0..<20 {
            // Log-uniform from 1 ns to about 17 s: every bucket size in play.
            let values = (0..<(1 + trial * 257)).map { _ in UInt64(exp(Double.random(in: 0..<23.5, using: &random))) }
            var histogram = LatencyHistogram()
            for value in values { histogram.record(nanoseconds: value) }
            let sorted = values.sorted()
            #expect(histogram.count == values.count)
            #expect(histogram.maxNanoseconds == sorted.last)
            for q in [0.001, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0] {
                let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
                let exact = sorted[rank - 1]
                let read = histogram.quantile(q) ?? 0
                let ceiling = Double(exact) * (1 + 1.0 / 16) + 1
                #expect(read >= exact, "q \(q), trial \(trial)")
                #expect(Double(read) <= ceiling, "q \(q): \(read) against \(exact)")
            }
        }
    }

    @Test func bucketsTileTheNumbersWithoutGapsOrOverlaps() {
        for index in 0..<960 {
            let top = LatencyHistogram.upperBound(ofBucket: index)
            #expect(LatencyHistogram.bucket(of: top) == index)
            #expect(LatencyHistogram.bucket(of: top + 1) == index + 1)
        }
        #expect(LatencyHistogram.bucket(of: .max) < 1024)
        #expect(LatencyHistogram.upperBound(ofBucket: LatencyHistogram.bucket(of: .max)) == .max)
        var extreme = LatencyHistogram()
        extreme.record(nanoseconds: .max)
        #expect(extreme.quantile(0.5) == .max)
    }

    @Test func anEmptyHistogramHasNoQuantile() {
        #expect(LatencyHistogram().quantile(0.5) == nil)
    }
}

/// The coordinator's closing line reads back as written, and nothing else reads as one.
struct DispatchLatencyLineTests {
    @Test func theLineReadsBackAsWritten() throws {
        var histogram = LatencyHistogram()
        for microseconds in 1...1000 { histogram.record(nanoseconds: UInt64(microseconds) * 1000) }
        let line = try #require(DispatchLatencyLine(histogram))
        #expect(line.tasks == 1000)
        #expect(line.p50Milliseconds >= 0.5 && line.p50Milliseconds <= 0.5 * (1 + 1.0 / 16))
        #expect(line.maxMilliseconds == 1.0)
        let read = try #require(DispatchLatencyLine(line: line.text))
        #expect(read.tasks == line.tasks)
        #expect(abs(read.p99Milliseconds - line.p99Milliseconds) < 0.001)
        #expect(DispatchLatencyLine(LatencyHistogram()) == nil)
        #expect(DispatchLatencyLine(line: "startup: plan 0.1 s") == nil)
        #expect(DispatchLatencyLine(line: "dispatch: tasks 3, p50 x ms") == nil)
    }
}
