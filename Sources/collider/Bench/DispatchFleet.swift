import ColliderTransport
import Foundation

/// The dispatch benchmark's simulated workers: one slot each, they say HELLO and CREDIT 1, answer
/// every TASK with a RESULT (after holding it `holdSeconds`, 0 for at once) followed by CREDIT 1,
/// and PING once a second as `collider worker` does. They run no pipeline and call no LLM.
///
/// Dispatch latency is measured per TASK: from handing the CREDIT that asked for it to ZeroMQ to
/// reading the TASK off the socket, both on this thread's monotonic clock.
enum DispatchFleet {
    struct Settings: Sendable {
        var address: String
        var workers: Int
        var holdSeconds: Double
        /// The sweep's task count: after DRAIN, the fleet waits (up to a second) for the ACKs of
        /// the last results, which travel on other sockets and may be read after it.
        var tasks: Int
        /// Give up (and throw) after this long.
        var deadlineSeconds: Double
    }

    struct Outcome: Sendable {
        /// Credit-to-task milliseconds, one per TASK received.
        var latencies: [Double]
        /// The same for every TASK but each worker's first: that one's CREDIT was sent right
        /// after the socket was created, and may have waited for the TCP connection and the
        /// ZeroMQ handshake, which a thousand workers connecting at once make slow.
        var connectedLatencies: [Double]
        var tasksReceived: Int
        /// Results the coordinator acknowledged.
        var acknowledged: Int
        /// First TASK received and last ACK received (`BenchClock`).
        var firstTaskAt: UInt64
        var lastAckAt: UInt64
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
        let dealers = try BenchDealers(ids: (0..<count).map { "bench-w\($0)" }, address: settings.address)
        let hold = UInt64(settings.holdSeconds * 1e9)
        let start = BenchClock.now()
        let deadline = start + UInt64(settings.deadlineSeconds * 1e9)
        let stagger = hold / UInt64(count)
        var started = 0
        var creditAt = [UInt64](repeating: 0, count: count)
        var holding: [(due: UInt64, worker: Int, lease: CoordinatorFrame.Lease)] = []
        var holdingHead = 0
        var nextPing = start + pingTick
        var pingCursor = 0
        var outcome = Outcome(
            latencies: [], connectedLatencies: [], tasksReceived: 0, acknowledged: 0, firstTaskAt: 0, lastAckAt: 0)
        outcome.latencies.reserveCapacity(1 << 14)
        outcome.connectedLatencies.reserveCapacity(1 << 14)
        var served = [Bool](repeating: false, count: count)
        var drainedAt: UInt64?

        let decoder = JSONDecoder()

        func answer(_ lease: CoordinatorFrame.Lease, from worker: Int) {
            dealers.send(.result(TaskResult(leaseID: lease.leaseID, taskID: lease.taskID, summary: summary)), from: worker)
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
                dealers.send(.hello(Hello(workerID: dealers.ids[started], incarnation: 1, slots: 1)), from: started)
                dealers.send(.credit(Credit(n: 1)), from: started)
                creditAt[started] = BenchClock.now()
                started += 1
            }
            while holdingHead < holding.count, holding[holdingHead].due <= now {
                answer(holding[holdingHead].lease, from: holding[holdingHead].worker)
                holdingHead += 1
            }
            if holdingHead > 4096, holdingHead * 2 > holding.count {
                holding.removeFirst(holdingHead)
                holdingHead = 0
            }
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
            if holdingHead < holding.count { wake = min(wake, holding[holdingHead].due) }
            now = BenchClock.now()
            let timeout = wake > now ? Int((wake - now + 999_999) / 1_000_000) : 0
            try dealers.receiveFrames(timeoutMilliseconds: timeout) { worker, frame in
                guard let message = try? decoder.decode(CoordinatorFrame.self, from: Data(frame)) else { return }
                switch message.type {
                case .task:
                    guard let lease = message.body?.lease else { return }
                    let received = BenchClock.now()
                    let latency = BenchClock.milliseconds(from: creditAt[worker], to: received)
                    outcome.latencies.append(latency)
                    if served[worker] { outcome.connectedLatencies.append(latency) }
                    served[worker] = true
                    if outcome.tasksReceived == 0 { outcome.firstTaskAt = received }
                    outcome.tasksReceived += 1
                    if hold == 0 {
                        answer(lease, from: worker)
                    } else {
                        holding.append((received + hold, worker, lease))
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
}

/// What the fleet reads of a coordinator's message: its type and, of a TASK, the lease and task
/// ids. The rest (the task's description, the config, any checkpoint) is skipped, not decoded:
/// decoding it all would make the simulated workers, not the coordinator, the bottleneck.
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
}
