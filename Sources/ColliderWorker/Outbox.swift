import ColliderTransport
import Foundation

/// RESULT and FAIL messages not yet acknowledged, kept on local disk (one JSON file per lease) so
/// that a worker restarted under the same id sends them again instead of losing them.
struct Outbox: Sendable {
    /// `results/.outbox/<worker-id>/`.
    let directory: URL

    /// What one file holds: exactly one of the two.
    private struct Pending: Codable {
        var result: TaskResult?
        var failure: TaskFailure?
    }

    init(directory: URL) {
        self.directory = directory
    }

    /// Writes `message` (a RESULT or FAIL) for `leaseID`, replacing any earlier one.
    func save(_ message: Message, leaseID: String) throws {
        let pending: Pending
        switch message {
        case .result(let result): pending = Pending(result: result)
        case .fail(let failure): pending = Pending(failure: failure)
        default: return
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try WireCoding.encode(pending).write(to: file(leaseID), options: .atomic)
    }

    /// Forgets the message of `leaseID` once it is acknowledged.
    func remove(leaseID: String) {
        try? FileManager.default.removeItem(at: file(leaseID))
    }

    /// Every saved message by lease id; unreadable files are skipped.
    func load() -> [String: Message] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        var messages: [String: Message] = [:]
        for url in files where url.pathExtension == "json" {
            guard let data = try? Data(contentsOf: url), let pending = try? WireCoding.decode(Pending.self, from: data)
            else { continue }
            if let result = pending.result { messages[result.leaseID] = .result(result) }
            if let failure = pending.failure { messages[failure.leaseID] = .fail(failure) }
        }
        return messages
    }

    private func file(_ leaseID: String) -> URL {
        let safe = leaseID.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        return directory.appending(path: String(safe) + ".json")
    }
}
