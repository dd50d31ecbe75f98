/// A peer's ZeroMQ routing id, as the ROUTER sees it.
public struct PeerID: Sendable, Hashable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The routing id a worker sets from its (stable) worker id.
    public init(_ text: String) { bytes = Array(text.utf8) }

    /// The id as text when it is printable ASCII, otherwise `0x`-prefixed hex (libzmq's generated
    /// ids start with a zero byte).
    public var description: String {
        if !bytes.isEmpty, bytes.allSatisfy({ (0x21...0x7e).contains($0) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return "0x" + bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
