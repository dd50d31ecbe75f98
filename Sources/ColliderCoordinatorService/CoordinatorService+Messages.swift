import ColliderCoordinator
import ColliderCore
import ColliderLLM
import ColliderTransport
import Foundation
import Synchronization

/// What the shell remembers besides the core: the peers it has heard from, and each task's last
/// reported cumulative usage (PROGRESS carries totals; the store wants increments).
final class ShellState: Sendable {
    private struct Usage {
        var calls = 0
        var tokens = 0
        var dollars = 0.0
    }

    private let peerSet = Mutex<Set<PeerID>>([])
    private let usage = Mutex<[String: Usage]>([:])
    private let finishedSummary = Mutex<SweepSummary?>(nil)

    /// The summary of the sweep once the core said it finished, whichever event finished it (a
    /// result, a tick, or a drain with nothing in flight).
    var finished: SweepSummary? {
        get { finishedSummary.withLock { $0 } }
        set { finishedSummary.withLock { $0 = newValue } }
    }

    var peers: Set<PeerID> { peerSet.withLock { $0 } }

    func heard(contentsOf peers: Set<PeerID>) {
        guard !peers.isEmpty else { return }
        peerSet.withLock { $0.formUnion(peers) }
    }

    func forget(_ peer: PeerID) {
        _ = peerSet.withLock { $0.remove(peer) }
    }

    /// The increment of `progress`'s totals over the task's last report, as a usage record.
    func increment(_ progress: TaskProgress) -> [UsageRecord] {
        usage.withLock { table in
            let last = table[progress.taskID, default: Usage()]
            guard progress.calls > last.calls || progress.dollars > last.dollars else { return [] }
            table[progress.taskID] = Usage(calls: progress.calls, tokens: progress.tokens, dollars: progress.dollars)
            return [
                UsageRecord(
                    role: "all", endpoint: "all", calls: max(0, progress.calls - last.calls),
                    tokens: max(0, progress.tokens - last.tokens), dollars: max(0, progress.dollars - last.dollars))
            ]
        }
    }
}
