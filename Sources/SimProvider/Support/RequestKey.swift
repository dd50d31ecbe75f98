import ColliderCore
import Foundation

/// The identity of a request's content: the SHA-256 of its canonical JSON body, mixed with the role
/// and the server seed. Everything a reply *says* is drawn from generators derived from this key,
/// so the same body always gets the same content, whatever the timing, retries or faults.
struct RequestKey: Hashable, Sendable {
    /// The 64-bit key.
    let value: UInt64

    /// The key of `body` (already parsed) sent for `role` to a server seeded with `seed`.
    init(body: JSONValue, role: SimRole, seed: UInt64) throws {
        let digest = SHA256Hex.of(try CanonicalJSON.encode(body))
        let prefix = UInt64(digest.prefix(16), radix: 16) ?? 0
        value = SplitMix64.mix(prefix ^ SplitMix64.mix(seed ^ fnv1a64(role.rawValue)))
    }

    /// An independent generator for one purpose (`"noise:fluency"`, `"latency:3"`, …).
    func stream(_ label: String) -> SplitMix64 {
        SplitMix64(seed: SplitMix64.mix(value ^ fnv1a64(label)))
    }

    /// Sixteen lower-case hex digits, used in the completion id.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
