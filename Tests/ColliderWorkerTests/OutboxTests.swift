import ColliderCore
import ColliderTransport
import Foundation
import Testing

@testable import ColliderWorker

/// Unacknowledged results survive a worker restart on disk.
struct OutboxTests {
    @Test func savedMessagesLoadBackUntilRemoved() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "collider-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = Outbox(directory: folder)
        #expect(outbox.load().isEmpty)
        let result = Message.result(TaskResult(leaseID: "l/1", taskID: "t1", summary: Data("{}".utf8)))
        let failure = Message.fail(
            TaskFailure(leaseID: "l2", taskID: "t2", failureClass: .infra, retryable: true, reason: "reset"))
        try outbox.save(result, leaseID: "l/1")
        try outbox.save(failure, leaseID: "l2")
        // A new outbox on the same folder, as after a restart.
        #expect(Outbox(directory: folder).load() == ["l/1": result, "l2": failure])
        outbox.remove(leaseID: "l/1")
        #expect(Outbox(directory: folder).load() == ["l2": failure])
    }
}
