import ColliderTransport
import Foundation

/// The re-lease benchmark's workers. One *victim* per task takes it (HELLO, CREDIT 1), pings once
/// a second from a random phase, and dies at a random moment: its socket closes at once (linger 0),
/// as a SIGKILLed process's would, and it sends nothing more. A *standby* worker joins once every
/// task is leased and answers the tasks the coordinator leases again. Each trial is the time from
/// a victim's death to its task's TASK reaching the standby.
enum ReleaseFleet {
    struct Settings: Sendable {
        var address: String
        var victims: Int
        /// Deaths are spread uniformly over this many seconds, starting one second after every
        /// task is leased.
        var spreadSeconds: Double
        var deadlineSeconds: Double
    }

    private static let second: UInt64 = 1_000_000_000
    private static let summary = Data(#"{"bench":true}"#.utf8)

    /// Death-to-re-lease seconds, one per victim.
    static func run(_ settings: Settings) throws -> [Double] {
        let victims = settings.victims
        let standby = victims
        let dealers = try BenchDealers(
            ids: (0..<victims).map { "bench-victim\($0)" } + ["bench-standby"], address: settings.address)
        let start = BenchClock.now()
        let deadline = start + UInt64(settings.deadlineSeconds * 1e9)
        var generator = SystemRandomNumberGenerator()
        var nextPing = (0...victims).map { _ in start + UInt64.random(in: 0..<second, using: &generator) }
        var victimOf: [String: Int] = [:]
        var diedAt = [UInt64?](repeating: nil, count: victims)
        var killAt: [UInt64] = []
        var standbyJoined = false
        var trials: [Double] = []
        var drained = false

        for victim in 0..<victims {
            dealers.send(.hello(Hello(workerID: dealers.ids[victim], incarnation: 1, slots: 1)), from: victim)
            dealers.send(.credit(Credit(n: 1)), from: victim)
        }
        while !drained {
            let now = BenchClock.now()
            guard now < deadline else {
                throw BenchChildError(
                    what: "the re-lease sweep did not finish within \(Int(settings.deadlineSeconds)) s "
                        + "(\(victimOf.count) of \(victims) tasks leased, \(trials.count) re-leased)")
            }
            if !standbyJoined, victimOf.count == victims {
                standbyJoined = true
                dealers.send(.hello(Hello(workerID: dealers.ids[standby], incarnation: 1, slots: victims)), from: standby)
                dealers.send(.credit(Credit(n: victims)), from: standby)
                let spread = UInt64(settings.spreadSeconds * 1e9)
                killAt = (0..<victims).map { _ in now + second + UInt64.random(in: 0...spread, using: &generator) }
            }
            for worker in 0...victims where nextPing[worker] <= now {
                if worker < victims, diedAt[worker] != nil { continue }
                if worker == standby, !standbyJoined { continue }
                dealers.send(.ping(Heartbeat(sentAt: Date().timeIntervalSince1970)), from: worker)
                nextPing[worker] += second
            }
            for victim in killAt.indices where diedAt[victim] == nil && killAt[victim] <= now {
                dealers.close(victim)
                diedAt[victim] = BenchClock.now()
            }
            var wake = nextPing.min() ?? now
            for victim in killAt.indices where diedAt[victim] == nil { wake = min(wake, killAt[victim]) }
            let timeout = wake > now ? Int((wake - now + 999_999) / 1_000_000) : 0
            try dealers.receive(timeoutMilliseconds: min(timeout, 50)) { worker, envelope in
                switch envelope.message {
                case .task(let lease) where worker == standby:
                    let received = BenchClock.now()
                    if let victim = victimOf[lease.task.id], let died = diedAt[victim] {
                        trials.append(BenchClock.milliseconds(from: died, to: received) / 1000)
                    }
                    dealers.send(
                        .result(TaskResult(leaseID: lease.leaseID, taskID: lease.task.id, summary: summary)), from: standby)
                case .task(let lease):
                    victimOf[lease.task.id] = worker
                case .drain:
                    drained = true
                default:
                    break
                }
            }
        }
        guard trials.count == victims else {
            throw BenchChildError(what: "\(trials.count) of \(victims) tasks were leased again after their worker died")
        }
        return trials
    }
}
