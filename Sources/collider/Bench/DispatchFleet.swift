import ArgumentParser
import ColliderCore
import ColliderTransport
import Foundation

/// The dispatch benchmark's simulated workers: one slot each, they say HELLO and PING, and once
/// every worker has its PONG (all are connected and known) they send CREDIT 1, answer every TASK
/// with a RESULT (after holding it — `holdSeconds` on average, drawn from `holds`; at once when 0)
/// followed by CREDIT 1, and PING once a second as `collider worker` does. They run no pipeline
/// and call no LLM.
///
/// Dispatch latency is measured per TASK: from handing the CREDIT that asked for it to the fleet's
/// sockets (`FleetSockets.send`) to reading the TASK off them, both on this thread's monotonic
/// clock. Connecting is not dispatch: a thousand TCP connections and ZeroMQ handshakes at once
/// take the coordinator about a second, which is reported apart (`connectSeconds`).
enum DispatchFleet {
    struct Settings: Sendable {
        var address: String
        /// What the workers speak ZeroMQ with.
        var transport: FleetTransport
        var workers: Int
        var holdSeconds: Double
        /// How long each task is held: always `holdSeconds`, or drawn at random around it.
        var holds: HoldDistribution
        /// The sweep's task count: after DRAIN, the fleet waits (up to a second) for the ACKs of
        /// the last results, which travel on other sockets and may be read after it.
        var tasks: Int
        /// Give up (and throw) after this long.
        var deadlineSeconds: Double
    }

    struct Outcome: Sendable {
        /// Credit-to-task milliseconds, one per TASK received.
        var latencies: [Double]
        /// When each TASK was received (`BenchClock`), in order.
        var receivedAt: [UInt64] = []
        /// From creating the sockets to every worker's PONG.
        var connectSeconds: Double
        var tasksReceived: Int
        /// Results the coordinator acknowledged.
        var acknowledged: Int
        /// First TASK received and last ACK received (`BenchClock`).
        var firstTaskAt: UInt64
        var lastAckAt: UInt64

        /// TASKs received per second between the 10th and the 90th percentile of their arrival
        /// times: the rate the sweep ran at, without its ramp-up and its drain (with random holds,
        /// the last tasks of a sweep finish long after the mean hold).
        var steadyRate: Double {
            let low = receivedAt.count / 10
            let high = receivedAt.count * 9 / 10
            guard high > low else { return 0 }
            return Double(high - low) / (BenchClock.milliseconds(from: receivedAt[low], to: receivedAt[high]) / 1000)
        }
    }

    /// PINGs go out in batches this far apart, each worker's once a second.
    private static let pingTick: UInt64 = 20_000_000
    private static let second: UInt64 = 1_000_000_000
    private static let summary = Data(#"{"bench":true}"#.utf8)

    /// Serves until the coordinator has sent DRAIN (its sweep is finished) and every result is
    /// acknowledged. With a hold, the workers
    /// join one by one over the first hold, so that the load is even from the start.
    static func run(_ settings: Settings) throws -> Outcome {
        let count = settings.workers
        let created = BenchClock.now()
        let deadline = created + UInt64(settings.deadlineSeconds * 1e9)
        let dealers = try settings.transport.connect(
            ids: (0..<count).map { "bench-w\($0)" }, address: settings.address,
            spreadSeconds: Double(SocketTuning.dealer.heartbeat?.intervalMilliseconds ?? 0) / 1000)
        try connect(dealers, deadline: deadline)
        let hold = UInt64(settings.holdSeconds * 1e9)
        let start = BenchClock.now()
        let stagger = hold / UInt64(count)
        var started = 0
        var creditAt = [UInt64](repeating: 0, count: count)
        var holding = HoldQueue<(worker: Int, lease: CoordinatorFrame.Lease)>()
        var random = SplitMix64(state: 20_261_128)
        var nextPing = start + pingTick
        var pingCursor = 0
        var outcome = Outcome(
            latencies: [], connectSeconds: BenchClock.milliseconds(from: created, to: start) / 1000, tasksReceived: 0,
            acknowledged: 0, firstTaskAt: 0, lastAckAt: 0)
        outcome.latencies.reserveCapacity(1 << 14)
        outcome.receivedAt.reserveCapacity(1 << 14)
        var drainedAt: UInt64?

        let decoder = JSONDecoder()
        let results = try ResultFrames(summary: summary, codec: dealers.codec)

        func answer(_ lease: CoordinatorFrame.Lease, from worker: Int) {
            dealers.send(from: worker) { results.frame(leaseID: lease.leaseID, taskID: lease.taskID, msgID: $0) }
            dealers.send(.credit(Credit(n: 1)), from: worker)
            creditAt[worker] = BenchClock.now()
        }

        while true {
            var now = BenchClock.now()
            if let drainedAt, outcome.acknowledged >= settings.tasks || now > drainedAt + second { break }
            guard now < deadline else {
                throw BenchChildError(
                    what: "the sweep did not finish within \(Int(settings.deadlineSeconds)) s "
                        + "(\(outcome.acknowledged) results acknowledged)")
            }
            while started < count, start + UInt64(started) * stagger <= now {
                dealers.send(.credit(Credit(n: 1)), from: started)
                creditAt[started] = BenchClock.now()
                started += 1
            }
            while let due = holding.popDue(at: now) { answer(due.lease, from: due.worker) }
            if nextPing <= now {
                // Each tick pings the share of workers due in it, round-robin: once a second each.
                let share = max(1, Int(UInt64(count) * pingTick / second))
                for _ in 0..<share where pingCursor < started {
                    dealers.send(.ping(Heartbeat(sentAt: Date().timeIntervalSince1970)), from: pingCursor)
                    pingCursor = (pingCursor + 1) % count
                }
                if pingCursor >= started { pingCursor = 0 }
                nextPing += pingTick
            }
            var wake = drainedAt.map { min(nextPing, $0 + second) } ?? nextPing
            if started < count { wake = min(wake, start + UInt64(started) * stagger) }
            if let due = holding.nextDue { wake = min(wake, due) }
            now = BenchClock.now()
            let timeout = wake > now ? Int((wake - now + 999_999) / 1_000_000) : 0
            try dealers.receiveFrames(timeoutMilliseconds: timeout) { worker, frame in
                guard let message = CoordinatorFrame.read(frame, decoder: decoder) else { return }
                switch message.type {
                case .task:
                    guard let lease = message.lease else { return }
                    let received = BenchClock.now()
                    let latency = BenchClock.milliseconds(from: creditAt[worker], to: received)
                    outcome.latencies.append(latency)
                    outcome.receivedAt.append(received)
                    if outcome.tasksReceived == 0 { outcome.firstTaskAt = received }
                    outcome.tasksReceived += 1
                    if hold == 0 {
                        answer(lease, from: worker)
                    } else {
                        holding.insert((worker, lease), due: received + settings.holds.draw(mean: hold, using: &random))
                    }
                case .ack:
                    outcome.acknowledged += 1
                    outcome.lastAckAt = BenchClock.now()
                case .drain:
                    if drainedAt == nil { drainedAt = BenchClock.now() }
                default:
                    break
                }
            }
        }
        return outcome
    }

    /// Says HELLO and PING from every worker and waits for every PONG: each connection is up and
    /// the coordinator knows each worker.
    private static func connect(_ dealers: any FleetSockets, deadline: UInt64) throws {
        for worker in 0..<dealers.count {
            dealers.send(.hello(Hello(workerID: dealers.ids[worker], incarnation: 1, slots: 1)), from: worker)
            dealers.send(.ping(Heartbeat(sentAt: Date().timeIntervalSince1970)), from: worker)
        }
        let decoder = JSONDecoder()
        var answered = [Bool](repeating: false, count: dealers.count)
        var waiting = dealers.count
        while waiting > 0 {
            guard BenchClock.now() < deadline else {
                throw BenchChildError(what: "\(waiting) of \(dealers.count) workers got no PONG before the deadline")
            }
            try dealers.receiveFrames(timeoutMilliseconds: 100) { worker, frame in
                guard !answered[worker], CoordinatorFrame.read(frame, decoder: decoder)?.type == .pong
                else { return }
                answered[worker] = true
                waiting -= 1
            }
        }
    }
}

/// How long a simulated worker holds each task.
enum HoldDistribution: String, Sendable, CaseIterable, Encodable, ExpressibleByArgument {
    /// Exactly the mean: every worker in lockstep with its first TASK, so that tasks sent
    /// together come back together, for ever.
    case fixed
    /// Exponentially distributed around the mean (independent workers, Poisson-like arrivals).
    case exponential

    /// One hold, in nanoseconds, of mean `mean`.
    func draw(mean: UInt64, using random: inout SplitMix64) -> UInt64 {
        switch self {
        case .fixed:
            return mean
        case .exponential:
            // 1 - U is in (0, 1], so the logarithm is finite.
            let uniform = 1 - Double(random.next() >> 11) / Double(1 << 53)
            return UInt64(-log(uniform) * Double(mean))
        }
    }
}

/// What the fleet reads of a coordinator's message: its type and, of a TASK, the lease and task
/// ids. The rest (the task's description, the config, any checkpoint) is skipped, not decoded:
/// decoding it all would make the simulated workers, not the coordinator, the bottleneck. The
/// fields are looked up in the frame's text (`scan`), which finds them at the front of every
/// frame the coordinator writes; a frame they cannot be found in goes to the JSON decoder.
struct CoordinatorFrame: Decodable {
    struct Lease: Sendable {
        var leaseID: String
        var taskID: String
    }

    struct Body: Decodable {
        struct Task: Decodable { var id: String }
        var leaseID: String?
        var task: Task?

        var lease: Lease? { leaseID.flatMap { id in task.map { Lease(leaseID: id, taskID: $0.id) } } }

        enum CodingKeys: String, CodingKey { case leaseID = "lease_id", task }
    }

    var type: MessageType
    var body: Body?

    /// The frame's type and, of a TASK, its lease; decoded when the text lookup fails.
    static func read(_ frame: UnsafeRawBufferPointer, decoder: JSONDecoder) -> (type: MessageType, lease: Lease?)? {
        if let type = string(after: #""type":""#, in: frame).flatMap(MessageType.init(rawValue:)) {
            guard type == .task else { return (type, nil) }
            if let lease = string(after: #""lease_id":""#, in: frame), let task = string(after: #""task":{"id":""#, in: frame) {
                return (type, Lease(leaseID: lease, taskID: task))
            }
        }
        guard let message = try? decoder.decode(Self.self, from: Data(frame)) else { return nil }
        return (message.type, message.body?.lease)
    }

    /// The characters between `key` (which ends with the value's opening quote) and the next
    /// quote, searched in the first 1 KiB; nil when absent or escaped.
    private static func string(after key: StaticString, in frame: UnsafeRawBufferPointer) -> String? {
        let end = min(frame.count, 1024)
        let count = key.utf8CodeUnitCount
        return key.withUTF8Buffer { key -> String? in
            var start = 0
            while start + count <= end {
                if frame[start] == key[0], (1..<count).allSatisfy({ frame[start + $0] == key[$0] }) {
                    var close = start + count
                    while close < end, frame[close] != UInt8(ascii: "\""), frame[close] != UInt8(ascii: "\\") { close += 1 }
                    guard close < end, frame[close] == UInt8(ascii: "\"") else { return nil }
                    return String(decoding: UnsafeRawBufferPointer(rebasing: frame[(start + count)..<close]), as: UTF8.self)
                }
                start += 1
            }
            return nil
        }
    }
}
