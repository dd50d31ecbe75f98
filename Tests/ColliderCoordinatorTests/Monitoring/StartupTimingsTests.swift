import Foundation
import Testing

@testable import ColliderCoordinator

struct StartupTimingsTests {
    @Test func stagesAreRecordedInOrderAndTheLineReadsBack() throws {
        var timings = StartupTimings()
        let value = timings.measure("plan") { 42 }
        #expect(value == 42)
        var later = StartupTimings()
        later.measure("snapshot load") {}
        timings.append(later)
        #expect(timings.phases.map(\.name) == ["plan", "snapshot load"])
        #expect(timings.phases.allSatisfy { $0.seconds >= 0 })
        let line = timings.line
        #expect(line.hasPrefix("startup: plan "))
        let read = try #require(StartupTimings(line: line))
        #expect(read.phases.map(\.name) == ["plan", "snapshot load"])
        for (mine, theirs) in zip(timings.phases, read.phases) { #expect(abs(mine.seconds - theirs.seconds) < 0.001) }
    }

    @Test func aStageThatThrowsIsStillTimed() {
        struct Boom: Error {}
        var timings = StartupTimings()
        #expect(throws: Boom.self) { try timings.measure("store open") { () throws(Boom) in throw Boom() } }
        #expect(timings.phases.map(\.name) == ["store open"])
    }

    @Test func otherLinesAreNotTimings() {
        #expect(StartupTimings(line: "coordinator listening on tcp://127.0.0.1:5555") == nil)
        #expect(StartupTimings(line: "startup: plan soon") == nil)
    }
}
