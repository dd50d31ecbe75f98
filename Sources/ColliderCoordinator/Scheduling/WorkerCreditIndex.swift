/// The workers that have credit, by how much, so that the scheduler finds the one with the most
/// (ties to the smallest id, so runs are reproducible) without scanning every worker per grant.
///
/// Entries may go stale — a worker dropped, or replaced by a new HELLO — without the index being
/// told: `best` checks each candidate against the live credit and discards stale ones, and
/// `move` never adds an id twice.
struct WorkerCreditIndex: Sendable {
    /// Worker ids by credit, each list sorted.
    private var buckets: [Int: [WorkerID]] = [:]

    /// Records that `worker`'s credit changed from `old` to `new`.
    mutating func move(_ worker: WorkerID, from old: Int, to new: Int) {
        guard old != new else { return }
        if old > 0 { remove(worker, from: old) }
        if new > 0 { insert(worker, into: new) }
    }

    /// The worker with the most live credit (ties: smallest id), per `credit`, which gives a
    /// worker's live credit (nil when it is gone).
    mutating func best(credit: (WorkerID) -> Int?) -> WorkerID? {
        while let top = buckets.keys.max() {
            while let first = buckets[top]?.first {
                if credit(first) == top { return first }
                buckets[top]?.removeFirst()
            }
            buckets[top] = nil
        }
        return nil
    }

    private mutating func insert(_ worker: WorkerID, into credit: Int) {
        let ids = buckets[credit] ?? []
        let place = Self.position(of: worker, in: ids)
        guard place == ids.count || ids[place] != worker else { return }
        buckets[credit, default: []].insert(worker, at: place)
    }

    private mutating func remove(_ worker: WorkerID, from credit: Int) {
        guard let ids = buckets[credit] else { return }
        let place = Self.position(of: worker, in: ids)
        guard place < ids.count, ids[place] == worker else { return }
        if ids.count == 1 {
            buckets[credit] = nil
        } else {
            buckets[credit]?.remove(at: place)
        }
    }

    /// The first index whose id is not smaller than `worker`.
    private static func position(of worker: WorkerID, in ids: [WorkerID]) -> Int {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < worker { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
