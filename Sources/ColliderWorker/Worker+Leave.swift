import ColliderTransport
import Foundation

extension Worker {
    /// Leaves on purpose (SIGTERM or SIGINT: a scale-down, a Slurm `scancel`, a node drain): asks
    /// for nothing more and stops its running tasks, whose checkpoints and journal entries were
    /// streamed as they ran; waits up to `grace` for results still unacknowledged; then says BYE,
    /// on which the coordinator leases those tasks again at once without spending a retry.
    /// A second call while leaving does nothing.
    public func leave(grace: Duration = .seconds(3)) async {
        guard !stopped, !leaving else { return }
        leaving = true
        draining = true
        logger.notice("leaving", metadata: ["tasks returned": "\(running.count)"])
        for lease in running.values { lease.handle.cancel() }
        running.removeAll()
        let deadline = ContinuousClock.now + grace
        while !unacked.isEmpty, !stopped, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        await send(.bye(Bye(reason: "left")))
        stopped = true
        await endpoint?.close()
    }
}
