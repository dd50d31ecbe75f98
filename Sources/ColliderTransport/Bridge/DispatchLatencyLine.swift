import Foundation

/// The coordinator's closing line on how long its TASKs took inside it (`TransportStats.dispatch`:
/// from reading a CREDIT to handing the TASK that spends it to ZeroMQ), printed when the sweep
/// ends and read back by `collider bench dispatch`:
/// `dispatch: tasks 10016, p50 0.340 ms, p90 1.020 ms, p99 2.390 ms, max 7.070 ms`.
/// Encoded as `{"count", "p50", "p90", "p99", "max"}`, milliseconds.
public struct DispatchLatencyLine: Sendable, Equatable, Encodable {
    /// What the line starts with.
    public static let prefix = "dispatch:"

    /// TASKs timed.
    public var tasks: Int
    /// Quantiles and the longest, in milliseconds (quantiles at most 6 % above the exact ones).
    public var p50Milliseconds: Double
    public var p90Milliseconds: Double
    public var p99Milliseconds: Double
    public var maxMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case tasks = "count"
        case p50Milliseconds = "p50"
        case p90Milliseconds = "p90"
        case p99Milliseconds = "p99"
        case maxMilliseconds = "max"
    }

    /// The line for `histogram`; nil when it timed no TASK.
    public init?(_ histogram: LatencyHistogram) {
        guard let p50 = histogram.quantile(0.5), let p90 = histogram.quantile(0.9), let p99 = histogram.quantile(0.99)
        else { return nil }
        tasks = histogram.count
        p50Milliseconds = Double(p50) / 1e6
        p90Milliseconds = Double(p90) / 1e6
        p99Milliseconds = Double(p99) / 1e6
        maxMilliseconds = Double(histogram.maxNanoseconds) / 1e6
    }

    /// Reads back a `text`; nil when `line` is not one.
    public init?(line: some StringProtocol) {
        guard line.hasPrefix(Self.prefix) else { return nil }
        var fields: [String: Double] = [:]
        for part in line.dropFirst(Self.prefix.count).split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count >= 2, let value = Double(words[1]) else { return nil }
            fields[String(words[0])] = value
        }
        guard let tasks = fields["tasks"], let p50 = fields["p50"], let p90 = fields["p90"], let p99 = fields["p99"],
            let max = fields["max"]
        else { return nil }
        self.tasks = Int(tasks)
        p50Milliseconds = p50
        p90Milliseconds = p90
        p99Milliseconds = p99
        maxMilliseconds = max
    }

    /// The line, as the coordinator prints it.
    public var text: String {
        func ms(_ value: Double) -> String { String(format: "%.3f ms", value) }
        return "\(Self.prefix) tasks \(tasks), p50 \(ms(p50Milliseconds)), p90 \(ms(p90Milliseconds)), "
            + "p99 \(ms(p99Milliseconds)), max \(ms(maxMilliseconds))"
    }
}
