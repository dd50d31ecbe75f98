import Foundation

extension SchedulerState {
    /// PING: renews a known worker's liveness. A worker this coordinator does not know (it
    /// restarted within the worker's silence window, or gave the worker up while its link was cut)
    /// is asked to say HELLO again; otherwise its CREDIT would be ignored for good.
    mutating func heartbeat(_ worker: WorkerID, now: Date) {
        guard workers[worker] != nil else {
            actions.append(.introduce(worker))
            return
        }
        workers[worker]?.lastHeard = now
    }
}
