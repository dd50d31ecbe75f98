/// The provider's rate limits as a state machine: two token buckets (requests/min, tokens/min);
/// a request is admitted only when both can pay, and then pays both.
struct RateLimiter: Sendable {
    /// What the limiter decided for one request, with what the x-ratelimit headers report.
    struct Decision: Sendable {
        /// Whether the request may proceed.
        var admitted: Bool
        /// Seconds to wait before a retry can succeed; 0 when admitted.
        var retryAfter: Double
        /// The headers to send, in order.
        var headers: [(String, String)]
    }

    private var requests: TokenBucket?
    private var tokens: TokenBucket?
    private let requestsPerMinute: Int?
    private let tokensPerMinute: Int?

    /// A limiter for `requestsPerMinute` and `tokensPerMinute` (nil: unlimited), each bucket holding
    /// `burstSeconds` of capacity.
    init(requestsPerMinute: Int?, tokensPerMinute: Int?, burstSeconds: Double, now: Double) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        requests = requestsPerMinute.map { TokenBucket(perMinute: Double($0), burstSeconds: burstSeconds, now: now) }
        tokens = tokensPerMinute.map { TokenBucket(perMinute: Double($0), burstSeconds: burstSeconds, now: now) }
    }

    /// Admits a request costing `tokenCost` tokens at time `now` (seconds), or refuses it.
    mutating func admit(tokenCost: Int, now: Double) -> Decision {
        requests?.refill(now: now)
        tokens?.refill(now: now)
        let wait = max(requests?.wait(for: 1) ?? 0, tokens?.wait(for: Double(tokenCost)) ?? 0)
        if wait <= 0 {
            requests?.take(1)
            tokens?.take(Double(tokenCost))
        }
        return Decision(admitted: wait <= 0, retryAfter: wait, headers: headers())
    }

    private func headers() -> [(String, String)] {
        var result: [(String, String)] = []
        if let requests, let requestsPerMinute {
            result += Self.headers(suffix: "requests", limit: requestsPerMinute, bucket: requests)
        }
        if let tokens, let tokensPerMinute {
            result += Self.headers(suffix: "tokens", limit: tokensPerMinute, bucket: tokens)
        }
        return result
    }

    private static func headers(suffix: String, limit: Int, bucket: TokenBucket) -> [(String, String)] {
        [
            ("x-ratelimit-limit-\(suffix)", String(limit)),
            ("x-ratelimit-remaining-\(suffix)", String(max(0, Int(bucket.level.rounded(.down))))),
            ("x-ratelimit-reset-\(suffix)", DurationText.openAI(seconds: bucket.secondsToFull)),
        ]
    }
}
