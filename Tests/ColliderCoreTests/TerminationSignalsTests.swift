import ColliderCore
import Foundation
import Synchronization
import Testing

/// Signals sent to this test process itself. Were a signal not caught, its default action would
/// end the whole test run: that is a failure no one can miss.
@Suite(.serialized)
struct TerminationSignalsTests {
    /// Counts handler runs.
    final class Counter: Sendable {
        let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }

        /// Waits (at most 5 s) until the count reaches `target`; returns the count.
        func wait(for target: Int) async -> Int {
            for _ in 0..<500 where value < target { try? await Task.sleep(for: .milliseconds(10)) }
            return value
        }
    }

    /// The moment the body starts, the signal is caught. With a `DispatchSource` most such signals
    /// were lost (16 of 20 in a standalone program): it registers its handler later.
    @Test(arguments: TerminationSignals.caught)
    func aSignalSentAsTheBodyStartsRunsTheHandler(signal number: Int32) async throws {
        for round in 1...20 {
            let counter = Counter()
            let seen = try await TerminationSignals.run(onSignal: { counter.add() }) {
                kill(getpid(), number)
                return await counter.wait(for: 1)
            }
            #expect(seen == 1, "round \(round): signal \(number) ran the handler \(seen) times")
        }
    }

    @Test func eachSignalRunsTheHandlerOnce() async throws {
        let counter = Counter()
        let seen = try await TerminationSignals.run(onSignal: { counter.add() }) {
            for (index, number) in [SIGTERM, SIGINT, SIGTERM].enumerated() {
                kill(getpid(), number)
                _ = await counter.wait(for: index + 1)
            }
            try await Task.sleep(for: .milliseconds(100))
            return counter.value
        }
        #expect(seen == 3)
    }

    /// Afterwards each signal acts as before the call (here: ignored, as set before it).
    @Test func theDispositionBeforeComesBack() async throws {
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        _ = try await TerminationSignals.run(onSignal: {}) { #expect(Self.isIgnored(SIGINT) == false) }
        #expect(Self.isIgnored(SIGINT))
    }

    private static func isIgnored(_ number: Int32) -> Bool {
        var action = sigaction()
        sigaction(number, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
