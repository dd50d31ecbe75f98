import Foundation
import Logging
import Testing

@testable import ColliderTransport

/// Failed accepts come in floods (libzmq retries at once): one warning per interval, counting
/// the failures since the last.
struct AcceptFailureLogTests {
    @Test func oneWarningPerIntervalCountsTheFailuresBetween() {
        let log = AcceptFailureLog(address: "tcp://127.0.0.1:5555", logger: Logger(label: "test"), interval: .seconds(10))
        let start = ContinuousClock.now
        #expect(log.record(errno: EMFILE, now: start) == 1)
        #expect(log.record(errno: EMFILE, now: start + .seconds(1)) == nil)
        #expect(log.record(errno: EMFILE, now: start + .seconds(9)) == nil)
        #expect(log.record(errno: EMFILE, now: start + .seconds(10)) == 3)
        #expect(log.record(errno: ENFILE, now: start + .seconds(15)) == nil)
        #expect(log.record(errno: ECONNABORTED, now: start + .seconds(25)) == 2)
    }
}
