import Foundation
import Glibc
import Testing

@testable import ColliderTransport

/// The I/O thread's outbox: a post from another thread wakes the I/O thread (its eventfd becomes
/// readable); a post from the I/O thread itself wakes nothing, since the thread takes the outbox
/// again before it next waits.
struct MailboxTests {
    @Test func onlyPostsFromOtherThreadsWakeTheIOThread() throws {
        let mailbox = try Mailbox()
        let posted = DispatchSemaphore(value: 0)
        let thread = Thread {
            mailbox.runsOnThisThread()
            mailbox.post(Self.outbound(1))
            mailbox.post(contentsOf: [Self.outbound(2), Self.outbound(3)])
            posted.signal()
        }
        thread.start()
        posted.wait()
        #expect(!Self.isReadable(mailbox.wake.fd))
        #expect(mailbox.take().batch.map(\.frames) == [[[1]], [[2]], [[3]]])

        mailbox.post(Self.outbound(4))
        #expect(Self.isReadable(mailbox.wake.fd))
        mailbox.wake.drain()
        #expect(!Self.isReadable(mailbox.wake.fd))
        #expect(mailbox.take().batch.map(\.frames) == [[[4]]])
    }

    @Test func aPostToAClosingMailboxFailsAtOnce() throws {
        let mailbox = try Mailbox()
        mailbox.requestClose(nil)
        let failures = FailureLog()
        mailbox.post(contentsOf: [Self.outbound(1, failures), Self.outbound(2, failures)])
        #expect(failures.entries.count == 2)
        #expect(mailbox.take().batch.isEmpty)
    }

    private static func outbound(_ byte: UInt8, _ failures: FailureLog? = nil) -> Outbound {
        Outbound(frames: [[byte]]) { outcome in
            if case .failure = outcome { failures?.add("\(byte)") }
        }
    }

    private static func isReadable(_ fd: Int32) -> Bool {
        var item = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&item, 1, 0) == 1 && item.revents & Int16(POLLIN) != 0
    }
}
