import ColliderTransport
import Foundation
import Synchronization

/// The worker's requests to the coordinator that wait for a reply (`DATA_REQ`, `STEPS_REQ`),
/// matched to replies by the key both repeat. A waiter is registered before its request is sent,
/// so a reply cannot overtake it; a reply nobody waits for (a late answer to a request asked
/// again) is dropped.
final class PendingReplies: Sendable {
    /// What a request and its reply have in common.
    enum Key: Hashable, Sendable {
        case data(fingerprint: String, offset: Int)
        case steps(taskID: String, afterStep: Int)

        /// The key of a reply, nil for other messages.
        init?(reply: Message) {
            switch reply {
            case .data(let chunk): self = .data(fingerprint: chunk.fingerprint, offset: chunk.offset)
            case .steps(let chunk): self = .steps(taskID: chunk.taskID, afterStep: chunk.afterStep)
            default: return nil
            }
        }
    }

    /// One waiter's state.
    private enum Slot {
        /// Registered; its request may be on the way.
        case registered
        case waiting(CheckedContinuation<Message?, Never>)
        case arrived(Message)
        case expired
    }

    private let slots = Mutex<[Key: [UUID: Slot]]>([:])

    /// Sends a request with `send` and waits up to `timeout` for the reply with `key`; nil when
    /// none came in time.
    func reply(to key: Key, within timeout: Duration, sending send: @Sendable () async -> Void) async -> Message? {
        let id = UUID()
        slots.withLock { $0[key, default: [:]][id] = .registered }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.expire(key, id)
        }
        defer { timer.cancel() }
        await send()
        return await withCheckedContinuation { continuation in
            let ready: Message?? = slots.withLock { table in
                switch table[key]?[id] {
                case .arrived(let message):
                    Self.remove(key, id, from: &table)
                    return .some(message)
                case .expired, .none:
                    Self.remove(key, id, from: &table)
                    return .some(nil)
                case .registered, .waiting:
                    table[key]?[id] = .waiting(continuation)
                    return .none
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Hands a reply to every waiter of its key; false when nobody waits for it.
    @discardableResult
    func deliver(_ message: Message) -> Bool {
        guard let key = Key(reply: message) else { return false }
        let waiting: [CheckedContinuation<Message?, Never>]? = slots.withLock { table in
            guard let waiters = table[key], !waiters.isEmpty else { return nil }
            var resumed: [CheckedContinuation<Message?, Never>] = []
            for (id, slot) in waiters {
                switch slot {
                case .waiting(let continuation):
                    resumed.append(continuation)
                    table[key]?[id] = nil
                case .registered:
                    table[key]?[id] = .arrived(message)
                case .arrived, .expired:
                    break
                }
            }
            if table[key]?.isEmpty == true { table[key] = nil }
            return resumed
        }
        guard let waiting else { return false }
        for continuation in waiting { continuation.resume(returning: message) }
        return true
    }

    private func expire(_ key: Key, _ id: UUID) {
        let waiting: CheckedContinuation<Message?, Never>? = slots.withLock { table in
            switch table[key]?[id] {
            case .waiting(let continuation):
                Self.remove(key, id, from: &table)
                return continuation
            case .registered:
                table[key]?[id] = .expired
                return nil
            case .arrived, .expired, .none:
                return nil
            }
        }
        waiting?.resume(returning: nil)
    }

    private static func remove(_ key: Key, _ id: UUID, from table: inout [Key: [UUID: Slot]]) {
        table[key]?[id] = nil
        if table[key]?.isEmpty == true { table[key] = nil }
    }
}
