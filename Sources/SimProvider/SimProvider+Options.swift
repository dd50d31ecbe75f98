extension SimProvider {
    /// How the simulated provider behaves. The defaults give an instant, unlimited, fault-free
    /// server on a free loopback port.
    public struct Options: Sendable {
        /// The address to bind; loopback by default.
        public var host: String
        /// The port to bind; 0 picks a free one (read it back from `RunningSimProvider.port`).
        public var port: Int
        /// Seeds every random choice; the same seed and body give the same reply content.
        public var seed: UInt64
        /// Requests per minute (nil: unlimited).
        public var requestsPerMinute: Int?
        /// Tokens per minute, prompt plus completion at 4 characters a token (nil: unlimited).
        public var tokensPerMinute: Int?
        /// How many seconds of each limit the token buckets hold.
        public var burstSeconds: Double
        /// Median response latency in milliseconds (0: none).
        public var latencyP50Milliseconds: Double
        /// 99th-percentile response latency in milliseconds.
        public var latencyP99Milliseconds: Double
        /// The chance that a delivery fails with one of the `Fault`s.
        public var faultRate: Double
        /// The chance that an optimizer reply is malformed (decided per request body).
        public var malformedRate: Double
        /// The longest a `Fault.hang` holds a connection open.
        public var hangLimit: Duration
        /// When set, chat completions require `Authorization: Bearer <key>`.
        public var apiKey: SimAPIKey?
        /// The model ids `GET /v1/models` lists.
        public var models: [String]

        /// Options with every field given or defaulted.
        public init(
            host: String = "127.0.0.1", port: Int = 0, seed: UInt64 = 0, requestsPerMinute: Int? = nil,
            tokensPerMinute: Int? = nil, burstSeconds: Double = 1, latencyP50Milliseconds: Double = 0,
            latencyP99Milliseconds: Double = 0, faultRate: Double = 0, malformedRate: Double = 0,
            hangLimit: Duration = .seconds(120), apiKey: SimAPIKey? = nil, models: [String] = ["collider-sim"]
        ) {
            self.host = host
            self.port = port
            self.seed = seed
            self.requestsPerMinute = requestsPerMinute
            self.tokensPerMinute = tokensPerMinute
            self.burstSeconds = burstSeconds
            self.latencyP50Milliseconds = latencyP50Milliseconds
            self.latencyP99Milliseconds = latencyP99Milliseconds
            self.faultRate = faultRate
            self.malformedRate = malformedRate
            self.hangLimit = hangLimit
            self.apiKey = apiKey
            self.models = models
        }
    }
}

/// An API key the server demands; its description is redacted so it never reaches a log.
public struct SimAPIKey: Sendable, Equatable, CustomStringConvertible {
    /// The key itself.
    public let value: String

    /// Wraps `value`.
    public init(_ value: String) {
        self.value = value
    }

    /// Always `***`.
    public var description: String { "***" }
}
