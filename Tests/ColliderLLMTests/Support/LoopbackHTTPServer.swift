import Foundation
import Glibc
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 and a free port, for the client's transport tests. One
/// dedicated thread owns every socket and multiplexes them with `poll`; a pipe wakes it to stop.
/// Responses come from a script (`handler`, given the request and its 0-based arrival index) and
/// may be held back; connections stay open for reuse.
final class LoopbackHTTPServer: Sendable {
    private struct State {
        var requests: [RecordedRequest] = []
        var connectionsAccepted = 0
        var stopping = false
        var stopped = false
        var stopWaiter: CheckedContinuation<Void, Never>?
    }

    let port: UInt16
    /// Every request, as it arrives.
    let arrivals: AsyncStream<RecordedRequest>
    private let arrivalSink: AsyncStream<RecordedRequest>.Continuation
    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let handler: @Sendable (RecordedRequest, Int) -> ScriptedResponse
    private let state = Mutex(State())

    init(handler: @escaping @Sendable (RecordedRequest, Int) -> ScriptedResponse) throws {
        self.handler = handler
        (arrivals, arrivalSink) = AsyncStream.makeStream()
        let bound = try LoopbackSocket()
        let fd = bound.descriptor
        try posixCall("listen") { listen(fd, 128) }
        try posixCall("fcntl") { fcntl(fd, F_SETFL, O_NONBLOCK) }
        var pipeEnds: [Int32] = [0, 0]
        try posixCall("pipe") { pipe(&pipeEnds) }
        listener = fd
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        port = bound.port
        let thread = Thread { [self] in serve() }
        thread.name = "loopback-http"
        thread.start()
    }

    /// The base URL clients use, ending in `/v1`.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    var requests: [RecordedRequest] { state.withLock { $0.requests } }
    var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }

    /// Closes every socket and waits for the thread to end.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                state.stopping = true
                if state.stopped { return true }
                state.stopWaiter = waiter
                return false
            }
            if done {
                waiter.resume()
            } else {
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
            }
        }
    }

    private func serve() {
        var connections: [Int32: LoopbackConnection] = [:]
        while !state.withLock({ $0.stopping }) {
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            for (fd, connection) in connections {
                let events = Int16(POLLIN) | (connection.hasOutput ? Int16(POLLOUT) : 0)
                fds.append(pollfd(fd: fd, events: events, revents: 0))
            }
            let timeout =
                connections.values.compactMap(\.nextDue).min().map {
                    max(0, min(50, Int32(($0.timeIntervalSinceNow * 1000).rounded(.up))))
                } ?? 50
            _ = try? posixCall("poll") { poll(&fds, nfds_t(fds.count), timeout) }
            acceptAll(into: &connections)
            for entry in fds.dropFirst(2) {
                guard let connection = connections[entry.fd] else { continue }
                let open = (try? connection.pump(readable: entry.revents != 0, handle: handle)) ?? false
                if !open {
                    close(entry.fd)
                    connections[entry.fd] = nil
                }
            }
        }
        for fd in connections.keys { close(fd) }
        close(listener)
        close(wakeRead)
        close(wakeWrite)
        arrivalSink.finish()
        let waiter = state.withLock { state in
            state.stopped = true
            defer { state.stopWaiter = nil }
            return state.stopWaiter
        }
        waiter?.resume()
    }

    private func acceptAll(into connections: inout [Int32: LoopbackConnection]) {
        while let fd = try? posixCall("accept", { accept(listener, nil, nil) }) {
            _ = try? posixCall("fcntl") { fcntl(fd, F_SETFL, O_NONBLOCK) }
            connections[fd] = LoopbackConnection(fd: fd)
            state.withLock { $0.connectionsAccepted += 1 }
        }
    }

    private func handle(_ request: RecordedRequest) -> ScriptedResponse {
        let index = state.withLock { state in
            state.requests.append(request)
            return state.requests.count - 1
        }
        arrivalSink.yield(request)
        return handler(request, index)
    }
}

/// One accepted connection, confined to the server thread.
final class LoopbackConnection {
    private let fd: Int32
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    /// Responses waiting for their delay, in request order.
    private var held: [(due: Date, bytes: [UInt8])] = []

    init(fd: Int32) {
        self.fd = fd
    }

    var hasOutput: Bool { !output.isEmpty }
    var nextDue: Date? { held.first?.due }

    /// Reads what arrived, answers complete requests, writes what is due. False once the peer closed.
    func pump(readable: Bool, handle: (RecordedRequest) -> ScriptedResponse) throws(POSIXError) -> Bool {
        if readable {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = try posixCall("recv") { recv(fd, &chunk, chunk.count, 0) }
            if count == 0 { return false }
            if let count { input += chunk[..<count] }
        }
        while let request = HTTPWire.takeRequest(from: &input) {
            let response = handle(request)
            held.append((Date(timeIntervalSinceNow: response.delaySeconds), response.wireBytes))
        }
        while let first = held.first, first.due <= Date() {
            output += first.bytes
            held.removeFirst()
        }
        if !output.isEmpty {
            let sent = try posixCall("send") { send(fd, output, output.count, Int32(MSG_NOSIGNAL)) }
            if let sent { output.removeFirst(sent) }
        }
        return true
    }
}
