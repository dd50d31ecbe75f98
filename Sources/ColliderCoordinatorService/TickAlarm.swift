import Foundation
import Synchronization

/// Wakes the coordinator's tick loop at the scheduler's next deadline (`SchedulerState.alarmDeadline`),
/// or sooner when an event brings an earlier one, instead of a fixed polling period: a dead
/// worker's task is released the moment its time is up.
final class TickAlarm: Sendable {
    private struct Armed {
        var at: Date
        var sleeper: Task<Void, Never>
    }

    /// One element per ring; ends with `stop()` or when the iterating task is cancelled.
    let rings: AsyncStream<Void>
    private let input: AsyncStream<Void>.Continuation
    private let armed = Mutex<Armed?>(nil)

    /// A moment added to every deadline: the scheduler's silence and stall rules are strict, so
    /// a tick at exactly the deadline may find nothing due yet.
    static let margin: TimeInterval = 0.001

    init() {
        (rings, input) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Rings just after `deadline` unless a ring at or before it is already set; an earlier
    /// deadline replaces a later one.
    func arm(at deadline: Date) {
        let input = input
        armed.withLock { armed in
            if let current = armed, current.at <= deadline { return }
            armed?.sleeper.cancel()
            let sleeper = Task {
                let wait = max(0, deadline.timeIntervalSinceNow) + Self.margin
                try? await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
                if !Task.isCancelled { input.yield() }
            }
            armed = Armed(at: deadline, sleeper: sleeper)
        }
    }

    /// A ring arrived: clears it, so that the next `arm` sets a new one.
    func rang() {
        armed.withLock { $0 = nil }
    }

    /// Cancels the pending ring and ends `rings`.
    func stop() {
        armed.withLock { armed in
            armed?.sleeper.cancel()
            armed = nil
        }
        input.finish()
    }
}
