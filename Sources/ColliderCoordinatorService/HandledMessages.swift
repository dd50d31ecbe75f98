import Synchronization

/// How many messages of `RouterEndpoint.incoming` the service has handled, so that a closed
/// connection is handled after the messages that arrived before it: otherwise a PING sent just
/// before a worker died could be handled after its disconnect and clear the suspicion.
final class HandledMessages: Sendable {
    private let count = Atomic<Int>(0)

    /// One more message handled.
    func one() {
        count.add(1, ordering: .releasing)
    }

    /// A batch of `count` messages handled.
    func add(_ messages: Int) {
        count.add(messages, ordering: .releasing)
    }

    /// Returns once `target` messages have been handled. Polls: the message loop is rarely
    /// behind, and a sleep ends with the task's cancellation.
    func wait(for target: Int) async throws {
        while count.load(ordering: .acquiring) < target {
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
