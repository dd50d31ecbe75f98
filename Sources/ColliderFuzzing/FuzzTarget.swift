/// The parsers of untrusted input that the fuzzer drives: each takes arbitrary bytes and checks
/// the properties its parser promises, beyond "does not crash".
public enum FuzzTarget: String, Sendable, CaseIterable {
    /// Inbound ZeroMQ frames → `Envelope` (`FrameCodec.decode`).
    case frameDecoder = "frame-decoder"
    /// Config YAML text → `LoadedConfig` or `ConfigError` (`ConfigLoader.load(yaml:…)`).
    case configLoader = "config-loader"
    /// Task and optimizer LLM replies → scores or instructions (`TaskReplyParser`,
    /// `OptimizerReplyParser`).
    case replyParser = "reply-parser"

    /// Runs `bytes` through this target's parser.
    /// - Throws: `InvariantViolation` when the parser broke one of its promises on `bytes`.
    public func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        switch self {
        case .frameDecoder: try FrameDecoderFuzz.check(bytes)
        case .configLoader: try ConfigLoaderFuzz.check(bytes)
        case .replyParser: try ReplyParserFuzz.check(bytes)
        }
    }
}
