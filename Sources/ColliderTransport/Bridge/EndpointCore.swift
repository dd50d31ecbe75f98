import Logging
import Synchronization

/// The half of an endpoint that callers use from any thread: it encodes, numbers and posts
/// messages to the I/O thread and waits for their outcome.
final class EndpointCore: Sendable {
    let mailbox: Mailbox
    let codec: FrameCodec
    private let lastMsgID = Atomic<UInt64>(0)

    init(codec: FrameCodec) throws(TransportError) {
        do throws(ZMQError) {
            mailbox = try Mailbox()
        } catch {
            throw .socket(error)
        }
        self.codec = codec
    }

    /// Starts the I/O thread and waits until its sockets are bound or connected; returns the
    /// socket's address (a `*` port resolved).
    func start(
        name: String, inbound: InboundFrames, sendPolicy: IOLoop.SendPolicy,
        onStop: @escaping @Sendable () -> Void,
        setup: @escaping @Sendable () throws(ZMQError) -> (IOSockets, String)
    ) async throws(TransportError) -> String {
        let mailbox = mailbox
        let outcome = await withCheckedContinuation { ready in
            IOLoop.start(
                name: name, mailbox: mailbox, inbound: inbound, sendPolicy: sendPolicy,
                onStop: onStop, setup: setup, ready: ready)
        }
        return try outcome.get()
    }

    /// Encodes `message` with the next message id, prefixes `routing` frames, and waits until
    /// ZeroMQ has taken it. Returns the message id.
    func send(_ message: Message, routing: [[UInt8]]) async throws(TransportError) -> UInt64 {
        let msgID = lastMsgID.wrappingAdd(1, ordering: .relaxed).newValue
        let frame: [UInt8]
        do throws(FrameError) {
            frame = try codec.encode(message, msgID: msgID)
        } catch {
            throw .frame(error)
        }
        let mailbox = mailbox
        let outcome = await withCheckedContinuation { completion in
            mailbox.post(
                Outbound(
                    frames: routing + [frame], isTask: message.type == .task,
                    completion: { completion.resume(returning: $0) }))
        }
        try outcome.get()
        return msgID
    }

    /// Encodes each message with the next message id, prefixed by its `routing` frames, and queues
    /// them all for the I/O thread in order, without waiting; `failed` is called (on the I/O thread
    /// or here) for each message that could not be encoded or sent.
    func post(
        _ messages: [(message: Message, routing: [[UInt8]])],
        failed: @escaping @Sendable (_ message: MessageType, _ routing: [[UInt8]], TransportError) -> Void
    ) {
        var batch: [Outbound] = []
        batch.reserveCapacity(messages.count)
        for (message, routing) in messages {
            let msgID = lastMsgID.wrappingAdd(1, ordering: .relaxed).newValue
            let type = message.type
            do throws(FrameError) {
                let frame = try codec.encode(message, msgID: msgID)
                batch.append(
                    Outbound(
                        frames: routing + [frame], isTask: type == .task,
                        completion: { outcome in
                            if case .failure(let error) = outcome { failed(type, routing, error) }
                        }))
            } catch {
                failed(type, routing, .frame(error))
            }
        }
        mailbox.post(contentsOf: batch)
    }

    func close() async {
        let mailbox = mailbox
        await withCheckedContinuation { waiter in mailbox.requestClose(waiter) }
    }

    var stats: TransportStats { mailbox.stats.withLock { $0 } }
}
