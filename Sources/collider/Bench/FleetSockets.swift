import ArgumentParser
import ColliderTransport

/// The simulated workers' sockets as the dispatch benchmark's fleet uses them: one DEALER
/// connection per worker, under a stable routing id, carrying `FrameCodec` envelopes. Not
/// `Sendable`: create, use and close it on one thread.
protocol FleetSockets: AnyObject {
    /// Routing ids, by socket index.
    var ids: [String] { get }
    var codec: FrameCodec { get }

    /// Sends the frame `write` makes for the next message id from socket `index`; false when the
    /// frame could not be made or the socket is closed.
    @discardableResult
    func send(from index: Int, _ write: (UInt64) -> [UInt8]?) -> Bool

    /// Waits up to `timeoutMilliseconds` for messages, then hands every message waiting on any
    /// open socket to `body` as (socket index, frame), the frame valid only during the call.
    /// `body` may send.
    func receiveFrames(timeoutMilliseconds: Int, _ body: (Int, UnsafeRawBufferPointer) -> Void) throws
}

extension FleetSockets {
    var count: Int { ids.count }

    /// Sends `message` from socket `index`; false when it cannot be encoded or the socket is closed.
    @discardableResult
    func send(_ message: Message, from index: Int) -> Bool {
        send(from: index) { msgID in try? codec.encode(message, msgID: msgID) }
    }
}

/// What the dispatch benchmark's simulated workers speak ZeroMQ with.
enum FleetTransport: String, Sendable, CaseIterable, Encodable, ExpressibleByArgument {
    /// ZMTP 3.1 written by the fleet's one thread on plain TCP sockets (`ZMTPDealers`).
    case zmtp
    /// libzmq DEALER sockets in one context (`BenchDealers`), with libzmq's I/O thread.
    case libzmq

    /// Connects `ids.count` workers to `address`, evenly over `spreadSeconds`.
    func connect(ids: [String], address: String, spreadSeconds: Double) throws -> any FleetSockets {
        switch self {
        case .zmtp: try ZMTPDealers(ids: ids, address: address, spreadSeconds: spreadSeconds)
        case .libzmq: try BenchDealers(ids: ids, address: address, spreadSeconds: spreadSeconds)
        }
    }
}
