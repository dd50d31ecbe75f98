/// The wire name of each message, the envelope's `type`.
public enum MessageType: String, Sendable, Hashable, Codable, CaseIterable {
    case hello = "HELLO"
    case credit = "CREDIT"
    case task = "TASK"
    case progress = "PROGRESS"
    case result = "RESULT"
    case fail = "FAIL"
    case ack = "ACK"
    case ping = "PING"
    case pong = "PONG"
    case rateRequest = "RATE_REQ"
    case rateGrant = "RATE_GRANT"
    case ratePause = "RATE_PAUSE"
    case drain = "DRAIN"
    case cancel = "CANCEL"
    case bye = "BYE"
    case dataRequest = "DATA_REQ"
    case data = "DATA"
    case stepsRequest = "STEPS_REQ"
    case steps = "STEPS"
}

/// One coordinator ↔ worker message (architecture.md, "Coordinator ↔ worker protocol").
public enum Message: Sendable, Hashable {
    case hello(Hello)
    case credit(Credit)
    case task(TaskLease)
    case progress(TaskProgress)
    case result(TaskResult)
    case fail(TaskFailure)
    case ack(Ack)
    case ping(Heartbeat)
    case pong(Heartbeat)
    case rateRequest(RateRequest)
    case rateGrant(RateGrant)
    case ratePause(RatePause)
    /// Take no new tasks; finish or checkpoint those in flight.
    case drain
    case cancel(Cancel)
    case bye(Bye)
    /// A worker asks for a chunk of the sweep's data set.
    case dataRequest(DataRequest)
    case data(DataChunk)
    /// A worker asks for the stored step records of a run an analysis depends on.
    case stepsRequest(StepsRequest)
    case steps(StepsChunk)

    /// The envelope `type` of this message.
    public var type: MessageType {
        switch self {
        case .hello: .hello
        case .credit: .credit
        case .task: .task
        case .progress: .progress
        case .result: .result
        case .fail: .fail
        case .ack: .ack
        case .ping: .ping
        case .pong: .pong
        case .rateRequest: .rateRequest
        case .rateGrant: .rateGrant
        case .ratePause: .ratePause
        case .drain: .drain
        case .cancel: .cancel
        case .bye: .bye
        case .dataRequest: .dataRequest
        case .data: .data
        case .stepsRequest: .stepsRequest
        case .steps: .steps
        }
    }
}

/// A decoded frame: protocol version, message id and message.
public struct Envelope: Sendable, Hashable {
    public var version: Int
    /// Unique per sender and connection lifetime; `ACK` refers to it.
    public var msgID: UInt64
    public var message: Message

    public init(version: Int = ProtocolVersion.current, msgID: UInt64, message: Message) {
        self.version = version
        self.msgID = msgID
        self.message = message
    }
}
