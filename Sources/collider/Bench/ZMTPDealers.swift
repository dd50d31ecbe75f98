import CZeroMQ
import ColliderTransport
import Foundation

/// The dispatch benchmark's simulated workers as plain TCP connections on which the fleet's one
/// thread speaks ZMTP 3.1 itself (RFC 37: the NULL mechanism, a DEALER's READY with its routing
/// id, single-frame messages), as a libzmq DEALER would on the wire.
///
/// **Why not libzmq here.** The fleet stands in for a thousand workers on other hosts, yet shares
/// the coordinator's cores. Through libzmq each of its messages also crossed the fleet's libzmq
/// I/O thread, which cost more CPU than the fleet's own thread (mostly thread wake-ups for a
/// thousand sockets) and put two more thread hand-offs on the path the benchmark times. Here a
/// worker's messages go from the fleet's thread straight to its socket, and what the coordinator
/// sends is read off the socket when the fleet's `epoll_wait` returns. The coordinator is
/// unchanged: its ROUTER cannot tell these connections from libzmq's (`FleetTransport.libzmq`
/// still runs the fleet on libzmq).
///
/// Messages a worker sends while the fleet's thread handles what arrived are written together,
/// in one `send`, before the thread next waits, as libzmq batches them. Each connection sends a
/// ZMTP PING every `SocketTuning.dealer` heartbeat interval, as a worker's DEALER does, and
/// answers any PING with a PONG.
final class ZMTPDealers: FleetSockets {
    let ids: [String]
    let codec = FrameCodec()
    private var connections: [Connection]
    private let epoll: Int32
    private var events = [epoll_event](repeating: epoll_event(), count: 256)
    /// Connections with bytes to write.
    private var dirty: [Int] = []
    private var lastMsgID: UInt64 = 0
    /// The ZMTP heartbeat: each connection pings once per interval, in turn; nil for none.
    private let pingInterval: UInt64?
    private var pingCursor = 0
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    private struct Connection {
        var descriptor: Int32
        var input: [UInt8] = []
        var output: [UInt8] = []
        /// The peer's greeting and READY have been read: what follows are messages.
        var handshaken = false
        /// Messages sent before the handshake ended. libzmq takes whatever follows a peer's READY
        /// for a handshake command until it has sent its own READY, and drops the connection.
        var held: [UInt8] = []
        var watchingWrites = false
        var nextPing: UInt64
    }

    /// Connects `ids.count` workers to `address` (`tcp://HOST:PORT`), evenly spaced over
    /// `spreadSeconds`, and queues each one's greeting and READY. Each pings every
    /// `heartbeatMilliseconds` (nil: never).
    init(
        ids: [String], address: String, spreadSeconds: Double = 0,
        heartbeatMilliseconds: Int32? = SocketTuning.dealer.heartbeat?.intervalMilliseconds
    ) throws {
        self.ids = ids
        pingInterval = heartbeatMilliseconds.flatMap { $0 > 0 ? UInt64($0) * 1_000_000 : nil }
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw BenchSocketError.system("epoll_create1") }
        connections = []
        connections.reserveCapacity(ids.count)
        let peer = try Self.resolve(address)
        let start = BenchClock.now()
        for (index, id) in ids.enumerated() {
            BenchClock.sleep(untilTurn: index, of: ids.count, spreadOver: spreadSeconds, from: start)
            let descriptor = try Self.open(peer, for: id, address: address)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.u64 = UInt64(index)
            guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else {
                Glibc.close(descriptor)
                throw BenchSocketError.system("epoll_ctl(EPOLL_CTL_ADD) for the worker \(id)")
            }
            var connection = Connection(descriptor: descriptor, nextPing: pingInterval.map { BenchClock.now() + $0 } ?? .max)
            connection.output = ZMTPWire.greeting + ZMTPWire.ready(routingID: Array(id.utf8))
            connections.append(connection)
            dirty.append(index)
        }
    }

    deinit {
        for connection in connections where connection.descriptor >= 0 { Glibc.close(connection.descriptor) }
        Glibc.close(epoll)
    }

    @discardableResult
    func send(from index: Int, _ write: (UInt64) -> [UInt8]?) -> Bool {
        guard connections[index].descriptor >= 0 else { return false }
        lastMsgID += 1
        guard let frame = write(lastMsgID) else { return false }
        queue(ZMTPWire.messageHeader(size: frame.count), frame, on: index)
        return true
    }

    func receiveFrames(timeoutMilliseconds: Int, _ body: (Int, UnsafeRawBufferPointer) -> Void) throws {
        let now = BenchClock.now()
        pingDue(at: now)
        flush()
        var timeout = timeoutMilliseconds
        if pingInterval != nil, connections.indices.contains(pingCursor) {
            let next = connections[pingCursor].nextPing
            let untilPing = next > now ? Int((next - now + 999_999) / 1_000_000) : 0
            timeout = timeout < 0 ? untilPing : min(timeout, untilPing)
        }
        let ready = epoll_wait(epoll, &events, Int32(events.count), Int32(timeout))
        if ready < 0 {
            guard errno == EINTR else { throw BenchSocketError.system("epoll_wait") }
            return
        }
        for slot in 0..<Int(ready) {
            let index = Int(events[slot].data.u64)
            let flags = events[slot].events
            if flags & EPOLLOUT.rawValue != 0 { write(index) }
            if flags & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { try read(index, body) }
        }
    }

    /// Queues a ZMTP PING on every connection whose turn has come.
    private func pingDue(at now: UInt64) {
        guard let pingInterval, !connections.isEmpty else { return }
        for _ in 0..<connections.count {
            guard connections[pingCursor].nextPing <= now else { return }
            connections[pingCursor].nextPing = now + pingInterval
            if connections[pingCursor].descriptor >= 0, connections[pingCursor].handshaken {
                queue(ZMTPWire.ping, [], on: pingCursor)
            }
            pingCursor = (pingCursor + 1) % connections.count
        }
    }

    private func queue(_ header: [UInt8], _ body: [UInt8], on index: Int) {
        guard connections[index].handshaken else {
            connections[index].held += header
            connections[index].held += body
            return
        }
        if connections[index].output.isEmpty, !connections[index].watchingWrites { dirty.append(index) }
        connections[index].output += header
        connections[index].output += body
    }

    /// Writes what every connection has queued, as far as its socket takes it.
    private func flush() {
        let pending = dirty
        dirty.removeAll(keepingCapacity: true)
        for index in pending { write(index) }
    }

    /// Writes connection `index`'s queued bytes; what the socket does not take waits for it to be
    /// writable (`EPOLLOUT`).
    private func write(_ index: Int) {
        let descriptor = connections[index].descriptor
        guard descriptor >= 0 else { return }
        var written = 0
        let total = connections[index].output.count
        while written < total {
            let sent = connections[index].output.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + written, total - written, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                written += sent
            } else if sent < 0, errno == EINTR {
                continue
            } else if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else {
                return drop(index)
            }
        }
        connections[index].output.removeFirst(written)
        let waiting = !connections[index].output.isEmpty
        guard waiting != connections[index].watchingWrites else { return }
        connections[index].watchingWrites = waiting
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | (waiting ? EPOLLOUT.rawValue : 0)
        event.data.u64 = UInt64(index)
        epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event)
    }

    /// Reads what connection `index` received and hands over each complete message.
    private func read(_ index: Int, _ body: (Int, UnsafeRawBufferPointer) -> Void) throws {
        let descriptor = connections[index].descriptor
        guard descriptor >= 0 else { return }
        let received = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if received < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
        guard received > 0 else {
            drop(index)
            guard connections[index].handshaken else {
                throw ZMTPError(
                    worker: ids[index],
                    problem: "the coordinator closed the connection during the handshake (does it ask for CURVE keys?)")
            }
            return
        }
        // Taken out while `body` runs (it may send on this connection); what is left of it, an
        // incomplete frame, goes back.
        var input = connections[index].input + scratch[0..<received]
        connections[index].input = []
        defer { connections[index].input = input }
        var offset = 0
        if !connections[index].handshaken {
            switch try ZMTPWire.handshake(in: input, of: ids[index]) {
            case nil: return
            case let consumed?:
                offset = consumed
                connections[index].handshaken = true
                let held = connections[index].held
                connections[index].held = []
                queue(held, [], on: index)
            }
        }
        while let frame = ZMTPWire.frame(in: input, at: offset) {
            let payload = (frame.start)..<(frame.start + frame.size)
            offset = frame.start + frame.size
            if frame.isCommand {
                if let pong = ZMTPWire.pong(answering: input[payload]) { queue(pong, [], on: index) }
            } else {
                input.withUnsafeBytes { body(index, UnsafeRawBufferPointer(rebasing: $0[payload])) }
            }
        }
        input.removeFirst(offset)
    }

    /// Closes connection `index` after its peer closed it or it failed: nothing more is read or
    /// written on it.
    private func drop(_ index: Int) {
        let descriptor = connections[index].descriptor
        guard descriptor >= 0 else { return }
        epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, nil)
        Glibc.close(descriptor)
        connections[index].descriptor = -1
        connections[index].output = []
    }

    /// The address of `tcp://HOST:PORT` (HOST a name, an IPv4 address or a bracketed IPv6 one).
    private static func resolve(_ address: String) throws -> (family: Int32, bytes: [UInt8]) {
        guard address.hasPrefix("tcp://"), let colon = address.lastIndex(of: ":"),
            colon > address.index(address.startIndex, offsetBy: 6)
        else { throw BenchSocketError.address(address, "not tcp://HOST:PORT") }
        var host = String(address[address.index(address.startIndex, offsetBy: 6)..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = String(address[address.index(after: colon)...])
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &found)
        guard status == 0, let first = found else {
            throw BenchSocketError.address(address, String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(found) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        return (first.pointee.ai_family, bytes)
    }

    /// A connected, non-blocking TCP socket to `peer` without Nagle's delay, as libzmq sets its own.
    private static func open(_ peer: (family: Int32, bytes: [UInt8]), for id: String, address: String) throws -> Int32 {
        let descriptor = socket(peer.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw BenchSocketError.system("socket() for the worker \(id)") }
        let connected = peer.bytes.withUnsafeBytes {
            connect(descriptor, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw BenchSocketError.address(address, "the worker \(id) could not connect: \(reason)")
        }
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        return descriptor
    }
}
