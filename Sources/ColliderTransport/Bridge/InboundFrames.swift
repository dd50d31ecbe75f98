import Logging

/// Turns received multipart messages into envelopes, or counts, logs and drops them; what one
/// wake-up of the I/O thread read is delivered together. Runs on the I/O thread.
struct InboundFrames: Sendable {
    /// Whether frames start with the sender's routing id (a ROUTER) or not (a DEALER).
    let peerFramed: Bool
    let codec: FrameCodec
    let mailbox: Mailbox
    let logger: Logger
    /// Takes the envelopes one wake-up read, in order.
    let deliver: @Sendable ([(peer: PeerID?, envelope: Envelope)]) -> Void
    let events: AsyncStream<TransportEvent>.Continuation

    /// The most frames a valid message has, plus one so that the count of an invalid one shows.
    var maxFrames: Int { peerFramed ? 3 : 2 }

    /// The envelope of `received` and its sender, or nil when the frame was dropped.
    func decode(_ received: ReceivedMessage) -> (peer: PeerID?, envelope: Envelope)? {
        var frames = received.frames
        let peer = peerFramed && !frames.isEmpty ? PeerID(bytes: frames.removeFirst()) : nil
        do throws(FrameError) {
            guard frames.count == 1, received.discardedFrames == 0 else {
                throw FrameError(
                    .malformed,
                    "expected one envelope frame, got \(frames.count + received.discardedFrames)")
            }
            let envelope = try codec.decode(frames[0])
            mailbox.stats.withLock { $0.received += 1 }
            return (peer, envelope)
        } catch {
            mailbox.stats.withLock { $0.countDrop(error.code) }
            logger.warning(
                "dropped a frame",
                metadata: ["peer": "\(peer?.description ?? "router")", "reason": "\(error)"])
            events.yield(.dropped(peer: peer, error))
            return nil
        }
    }
}
