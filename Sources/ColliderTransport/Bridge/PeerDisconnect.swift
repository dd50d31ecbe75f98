/// A peer's connection closed, as `RouterEndpoint.disconnects` reports it.
public struct PeerDisconnect: Sendable, Hashable {
    /// Who was on the connection.
    public var peer: PeerID
    /// How many messages `incoming` had delivered when the close was seen: the ones a reader
    /// must handle before this close, to keep the order in which they happened.
    public var deliveredBefore: Int

    public init(peer: PeerID, deliveredBefore: Int) {
        self.peer = peer
        self.deliveredBefore = deliveredBefore
    }
}
