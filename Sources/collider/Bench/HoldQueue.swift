/// The simulated fleet's held tasks, earliest due first: a binary min-heap on the due time.
struct HoldQueue<Item> {
    private var heap: [(due: UInt64, item: Item)] = []

    var isEmpty: Bool { heap.isEmpty }
    /// The earliest due time, nil when empty.
    var nextDue: UInt64? { heap.first?.due }

    mutating func insert(_ item: Item, due: UInt64) {
        heap.append((due, item))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest item if it is due at `now`.
    mutating func popDue(at now: UInt64) -> Item? {
        guard let first = heap.first, first.due <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].due < heap[smallest].due { smallest = left }
                if right < heap.count, heap[right].due < heap[smallest].due { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.item
    }
}
