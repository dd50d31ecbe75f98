import Foundation

/// A coordinator's metrics in the Prometheus text exposition format (version 0.0.4): one
/// `# HELP` and `# TYPE` line per family, then its samples. Everything comes from a status report
/// plus the counters the report does not hold.
public enum PrometheusText {
    /// Transport counters of the coordinator's ROUTER.
    public struct Transport: Sendable, Equatable {
        /// Envelopes received.
        public var received: Int
        /// Messages sent.
        public var sent: Int
        /// Frames dropped, by reason (`malformed`, `unknown_type`, `unsupported_version`, `oversized`).
        public var dropped: [String: Int]
        /// TASKs timed from the CREDIT they spend to their hand-off to ZeroMQ.
        public var dispatched: Int
        /// Those times' quantiles in seconds, by quantile (0.5, 0.9, 0.99).
        public var dispatchSeconds: [Double: Double]

        public init(
            received: Int, sent: Int, dropped: [String: Int], dispatched: Int = 0, dispatchSeconds: [Double: Double] = [:]
        ) {
            self.received = received
            self.sent = sent
            self.dropped = dropped
            self.dispatched = dispatched
            self.dispatchSeconds = dispatchSeconds
        }
    }

    /// The states every `collider_tasks` scrape lists, zero or not.
    static let states = ["pending", "leased", "unknown", "done", "failed", "blocked"]

    /// The exposition of `report` (a coordinator's), `callsByRole` from the store and `transport`.
    public static func render(_ report: StatusReport, callsByRole: [String: Int], transport: Transport) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name)\(sample.labels) \(number(sample.value))\n" }
        }
        let states = Self.states + report.counts.keys.filter { !Self.states.contains($0) }.sorted()
        family(
            "collider_tasks", "gauge", "Tasks of the plan by state.",
            states.map { ("{state=\"\(escape($0))\"}", Double(report.counts[$0, default: 0])) })
        family(
            "collider_calls_total", "counter", "LLM calls reported by workers, by role (\"all\" when not split).",
            callsByRole.keys.sorted().map { ("{role=\"\(escape($0))\"}", Double(callsByRole[$0] ?? 0)) })
        family("collider_tokens_total", "counter", "Tokens reported by workers.", [("", Double(report.tokens))])
        family("collider_dollars_total", "counter", "Dollars reported by workers.", [("", report.dollars)])
        family(
            "collider_rate_limited_total", "counter", "429 answers reported to the fleet budget.",
            [("", Double(report.rateLimited ?? 0))])
        family("collider_leases_active", "gauge", "Leases in flight.", [("", Double(report.running?.count ?? 0))])
        family("collider_leases_suspect", "gauge", "Leases silent past the stall timeout.", [("", Double(report.suspect.count))])
        family(
            "collider_workers_connected", "gauge", "Workers the coordinator is in contact with.",
            [("", Double(report.workers.count { $0.connected == true }))])
        family("collider_frames_received_total", "counter", "Envelopes received.", [("", Double(transport.received))])
        family("collider_frames_sent_total", "counter", "Messages sent.", [("", Double(transport.sent))])
        family(
            "collider_frames_dropped_total", "counter", "Frames dropped, by reason.",
            transport.dropped.keys.sorted().map { ("{reason=\"\(escape($0))\"}", Double(transport.dropped[$0] ?? 0)) })
        family(
            "collider_dispatch_tasks_total", "counter", "TASKs timed from the CREDIT they spend to their hand-off to ZeroMQ.",
            [("", Double(transport.dispatched))])
        family(
            "collider_dispatch_seconds", "gauge",
            "Those times' quantiles since the coordinator started (at most 6 % above the exact ones).",
            transport.dispatchSeconds.keys.sorted().map { ("{quantile=\"\($0)\"}", transport.dispatchSeconds[$0] ?? 0) })
        let endpoints = report.endpoints ?? []
        family(
            "collider_endpoint_rate_factor", "gauge", "Fraction of an endpoint's limits in force (1 until a 429).",
            endpoints.map { ("{endpoint=\"\(escape($0.endpoint))\"}", $0.rateFactor) })
        family(
            "collider_endpoint_paused", "gauge", "1 while an endpoint is paused after a 429.",
            endpoints.map { ("{endpoint=\"\(escape($0.endpoint))\"}", $0.paused ? 1 : 0) })
        return out
    }

    /// A sample value: integers without a fraction, others in full precision.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
