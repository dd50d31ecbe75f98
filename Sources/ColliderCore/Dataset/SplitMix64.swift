/// SplitMix64 (Steele, Lea and Flood 2014): seeds xoshiro and mixes seeds together.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The counter; each output adds the golden-ratio increment to it first.
    public private(set) var state: UInt64

    /// A generator starting at `state`.
    public init(state: UInt64) {
        self.state = state
    }

    /// The next output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed derived from two numbers: the first SplitMix64 output started at
    /// `a × 0x9E3779B97F4A7C15 XOR b` (wrapping). Different `a` give unrelated streams for the same `b`.
    public static func derive(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var mixer = SplitMix64(state: (a &* 0x9E37_79B9_7F4A_7C15) ^ b)
        return mixer.next()
    }

    /// ``derive(_:_:)`` for signed numbers, taken as their two's-complement bit patterns.
    public static func derive(_ a: Int, _ b: Int) -> UInt64 {
        derive(UInt64(bitPattern: Int64(a)), UInt64(bitPattern: Int64(b)))
    }
}
