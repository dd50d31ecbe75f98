import Foundation

/// One reading of a running sweep, taken by the coordinator for its progress display.
public struct ProgressSample: Sendable, Equatable {
    /// When it was taken.
    public var at: Date
    /// Tasks of the plan by state name (`pending`, `leased`, `done`, `failed`, `blocked`, `unknown`).
    public var counts: [String: Int]
    /// LLM calls reported so far.
    public var calls: Int
    /// Tokens reported so far.
    public var tokens: Int
    /// Dollars reported so far.
    public var dollars: Double
    /// 429 answers reported to the fleet budget so far.
    public var rateLimited: Int
    /// For each task under a lease, the fraction of its steps done (0...1), from its progress reports.
    public var running: [Double]

    /// Creates a sample.
    public init(
        at: Date, counts: [String: Int], calls: Int = 0, tokens: Int = 0, dollars: Double = 0, rateLimited: Int = 0,
        running: [Double] = []
    ) {
        self.at = at
        self.counts = counts
        self.calls = calls
        self.tokens = tokens
        self.dollars = dollars
        self.rateLimited = rateLimited
        self.running = running
    }

    /// Tasks in state `name`.
    public func count(_ name: String) -> Int { counts[name, default: 0] }

    /// Tasks in the plan.
    public var total: Int { counts.values.reduce(0, +) }

    /// Tasks that will not change again (done, failed, blocked).
    public var finished: Int { count("done") + count("failed") + count("blocked") }

    /// Finished tasks plus the finished fraction of each running one: the work done, in tasks.
    public var work: Double { Double(finished) + running.reduce(0) { $0 + min(1, max(0, $1)) } }

    /// The fraction of a task of `totalSteps` optimization steps that is done after `lastStep`
    /// (-1 before the baseline, 0 after it, `totalSteps` at the end); 0 for a task without steps.
    public static func fraction(lastStep: Int?, totalSteps: Int?) -> Double {
        guard let lastStep, let totalSteps, totalSteps >= 0 else { return 0 }
        return min(1, max(0, Double(lastStep + 1) / Double(totalSteps + 1)))
    }
}
