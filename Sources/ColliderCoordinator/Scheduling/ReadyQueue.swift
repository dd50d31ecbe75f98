/// Plan positions of tasks that may be ready, smallest first, so tasks lease in plan order.
/// Entries are hints: the scheduler checks the task again when it pops one, so a task that
/// changed state meanwhile is simply skipped, and `contains` keeps a position in at most once.
struct ReadyQueue: Sendable {
    private var heap: [Int] = []
    private var members: Set<Int> = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func insert(_ position: Int) {
        guard members.insert(position).inserted else { return }
        heap.append(position)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Int? {
        guard let first = heap.first else { return nil }
        members.remove(first)
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left] < heap[smallest] { smallest = left }
            if right < heap.count, heap[right] < heap[smallest] { smallest = right }
            guard smallest != parent else { return first }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
