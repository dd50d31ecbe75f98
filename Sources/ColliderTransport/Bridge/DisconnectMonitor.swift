import CZeroMQ
import Foundation

/// Watches a ROUTER's connections close (`zmq_socket_monitor` with `ZMQ_EVENT_DISCONNECTED` into
/// a PAIR socket, polled on the I/O thread) and names the peer each one carried: the event gives
/// the connection's file descriptor, and every received message's `ZMQ_SRCFD` tells which peer
/// spoke on which descriptor. (`ZMQ_ROUTER_NOTIFY` would name the peer directly, but it is a
/// draft API that the distributions' libzmq 4.3 builds leave out.) A killed worker's TCP
/// connection closes at once, so this learns of its death long before its PINGs are missed.
final class DisconnectMonitor {
    private let socket: ZMQSocket
    private let report: @Sendable (PeerID) -> Void
    private var peerOnDescriptor: [Int32: [UInt8]] = [:]
    private var descriptorOfPeer: [[UInt8]: Int32] = [:]

    /// Starts monitoring `watched`; call before it binds. `report` runs on the I/O thread.
    init(context: ZMQContext, watching watched: ZMQSocket, report: @escaping @Sendable (PeerID) -> Void) throws(ZMQError) {
        let address = "inproc://collider-disconnects-\(UUID().uuidString)"
        try ZMQCall.run("zmq_socket_monitor(\(address))") {
            zmq_socket_monitor(watched.pollHandle, address, ZMQ_EVENT_DISCONNECTED)
        }
        socket = try ZMQSocket(context: context, kind: ZMQ_PAIR)
        try socket.set(.linger(0))
        try socket.connect(address)
        self.report = report
    }

    var pollHandle: UnsafeMutableRawPointer? { socket.pollHandle }

    /// Whether a message from `peer` on `descriptor` would move it to a descriptor it was not known
    /// on: read the closes waiting first.
    func isNew(_ peer: [UInt8], on descriptor: Int32) -> Bool {
        descriptor >= 0 && descriptorOfPeer[peer] != descriptor
    }

    /// A message from `peer` arrived on descriptor `descriptor`. A peer that reconnected moves to
    /// its new descriptor, so the old connection's close no longer names it.
    func heard(_ peer: [UInt8], on descriptor: Int32) {
        guard descriptor >= 0, descriptorOfPeer[peer] != descriptor else { return }
        if let old = descriptorOfPeer[peer], peerOnDescriptor[old] == peer { peerOnDescriptor[old] = nil }
        if let previous = peerOnDescriptor[descriptor], descriptorOfPeer[previous] == descriptor {
            descriptorOfPeer[previous] = nil
        }
        descriptorOfPeer[peer] = descriptor
        peerOnDescriptor[descriptor] = peer
    }

    /// Reports the peer of every closed connection waiting. Frame 1: a 16-bit event and a 32-bit
    /// value, the descriptor (native byte order); frame 2: the endpoint.
    func read() throws(ZMQError) {
        while let event = try socket.receive(maxFrames: 2) {
            guard event.frames.count == 2, event.frames[0].count == 6 else { continue }
            let (kind, descriptor) = event.frames[0].withUnsafeBytes {
                (Int32($0.loadUnaligned(as: UInt16.self)), Int32(bitPattern: $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self)))
            }
            guard kind == ZMQ_EVENT_DISCONNECTED, let peer = peerOnDescriptor.removeValue(forKey: descriptor) else {
                continue
            }
            descriptorOfPeer[peer] = nil
            report(PeerID(bytes: peer))
        }
    }

    func close() { socket.close() }
}
