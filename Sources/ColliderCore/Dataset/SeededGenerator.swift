/// collider's deterministic pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Everything is 64-bit integer arithmetic with wrapping, so a seed gives the same stream on every
/// machine and every Swift version. The algorithm is spelled out in `docs/data.md` and mirrored
/// independently in `scripts/golden/splits.py`, whose printed values the tests compare with.
///
/// It deliberately does not conform to `RandomNumberGenerator`: the standard library's
/// `shuffle(using:)` and `random(in:using:)` do not promise a fixed algorithm, and splits must never
/// change under a toolchain upgrade. Use ``shuffle(_:)`` and ``next(below:)`` instead.
public struct SeededGenerator: Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose four state words are the first four outputs of SplitMix64 started at `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` without modulo bias: Lemire's multiply-shift with rejection
    /// ("Fast random integer generation in an interval", 2019). `bound` must be positive.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "next(below:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform index in `0..<count`; `count` must be positive.
    public mutating func index(below count: Int) -> Int {
        Int(next(below: UInt64(count)))
    }

    /// Shuffles `items` in place with Fisher–Yates, from the last position down:
    /// for i = n−1 … 1, swap item i with item `next(below: i + 1)`.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, index(below: i + 1))
        }
    }

    /// A shuffled copy of `items`.
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        shuffle(&copy)
        return copy
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
