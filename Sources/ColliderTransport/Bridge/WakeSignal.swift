import CZeroMQ
import Glibc

/// An eventfd that wakes the I/O thread out of `zmq_poll`, which polls it as a raw fd.
struct WakeSignal: Sendable {
    let fd: Int32

    init() throws(ZMQError) {
        var created: Int32 = -1
        try ZMQCall.run("eventfd") {
            created = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
            return created
        }
        fd = created
    }

    /// Makes the fd readable. A write fails only when the counter would overflow, which means the
    /// thread has a wake-up pending anyway.
    func signal() {
        var one: UInt64 = 1
        _ = write(fd, &one, MemoryLayout<UInt64>.size)
    }

    /// Resets the counter; called by the I/O thread after `zmq_poll` reports the fd readable.
    func drain() {
        var count: UInt64 = 0
        _ = read(fd, &count, MemoryLayout<UInt64>.size)
    }

    func close() { _ = Glibc.close(fd) }
}
