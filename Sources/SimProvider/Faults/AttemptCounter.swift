import Synchronization

/// Counts deliveries per request key, so that a retried request meets a fresh fault decision
/// while its content stays the same.
final class AttemptCounter: Sendable {
    private let counts = Mutex<[RequestKey: Int]>([:])

    /// The 0-based number of this delivery of `key`.
    func next(for key: RequestKey) -> Int {
        counts.withLock { counts in
            let attempt = counts[key, default: 0]
            counts[key] = attempt + 1
            return attempt
        }
    }
}
