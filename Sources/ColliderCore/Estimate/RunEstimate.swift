/// Tokens of a group of calls.
public struct TokenCounts: Sendable, Equatable, Codable {
    public var input: Double = 0
    public var output: Double = 0

    public init(input: Double = 0, output: Double = 0) {
        self.input = input
        self.output = output
    }

    public static func + (lhs: TokenCounts, rhs: TokenCounts) -> TokenCounts {
        TokenCounts(input: lhs.input + rhs.input, output: lhs.output + rhs.output)
    }

    public static func += (lhs: inout TokenCounts, rhs: TokenCounts) { lhs = lhs + rhs }
}

/// Calls, tokens and dollars of some part of a sweep.
public struct Estimate: Sendable, Equatable {
    public var calls = CallCounts()
    public var tokens = TokenCounts()
    public var usd = 0.0

    public init(calls: CallCounts = CallCounts(), tokens: TokenCounts = TokenCounts(), usd: Double = 0) {
        self.calls = calls
        self.tokens = tokens
        self.usd = usd
    }

    public static func + (lhs: Estimate, rhs: Estimate) -> Estimate {
        Estimate(calls: lhs.calls + rhs.calls, tokens: lhs.tokens + rhs.tokens, usd: lhs.usd + rhs.usd)
    }

    public static func += (lhs: inout Estimate, rhs: Estimate) { lhs = lhs + rhs }
}

/// Prices calls of one role: tokens per call and the endpoint's price for the role's model.
struct RolePricer {
    let config: SweepConfig

    /// The estimate of `calls` calls of `role`, each with the given tokens.
    func estimate(_ role: Role, calls: Int, input: Double, output: Double, roleConfig: RoleConfig)
        -> Estimate
    {
        var counts = CallCounts()
        switch role {
        case .task: counts.task = calls
        case .loss: counts.loss = calls
        case .gradient: counts.gradient = calls
        case .optimizer: counts.optimizer = calls
        case .judge: counts.judge = calls
        }
        let tokens = TokenCounts(input: input * Double(calls), output: output * Double(calls))
        let price = config.endpoints[roleConfig.endpoint]?.prices[roleConfig.model]
        let usd = price.map {
            ($0.input * tokens.input + $0.output * tokens.output) / 1_000_000
        } ?? 0
        return Estimate(calls: counts, tokens: tokens, usd: usd)
    }
}
