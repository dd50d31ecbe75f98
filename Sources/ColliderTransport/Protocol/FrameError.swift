/// Why a frame was refused by `FrameCodec`.
public struct FrameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal; stats count frames by it.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Not a JSON envelope with `v`, `type`, `msg_id` and a body of the right shape.
        case malformed
        /// A `type` this build does not know.
        case unknownType = "unknown_type"
        /// A `v` other than `ProtocolVersion.current`.
        case unsupportedVersion = "unsupported_version"
        /// Larger than the codec's `maxFrameBytes`.
        case oversized
        /// A message that cannot be encoded.
        case unencodable
    }

    public var code: Code
    /// What was wrong, for logs and error messages.
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue) frame: \(detail)" }
}
