import ColliderCoordinator
import Foundation
import Testing

/// The exposition format: HELP/TYPE per family, one sample per line, labels escaped.
struct PrometheusTextTests {
    static let report = StatusReport(
        sweep: "demo", source: .coordinator, counts: ["done": 3, "leased": 1], calls: 120, tokens: 45_000,
        dollars: 0.125, cells: [],
        workers: [
            .init(worker: "a", counts: [:], connected: true), .init(worker: "b", counts: [:], connected: false),
        ],
        suspect: [.init(task: "t", label: "run", worker: "a", since: 0)], failures: [],
        running: [.init(task: "t", label: "run", worker: "a", step: 1, stage: "step", calls: 4, seconds: 2)],
        endpoints: [.init(endpoint: "open\"ai", rateFactor: 0.5, pausedUntil: 10, paused: true)], rateLimited: 7)

    /// `name{labels}` → value for every sample line.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { samples[String(parts[0])] = value }
        }
        return samples
    }

    @Test func everyFamilyHasHelpTypeAndItsSamples() {
        let text = PrometheusText.render(
            Self.report, callsByRole: ["all": 120],
            transport: .init(
                received: 50, sent: 40, dropped: ["malformed": 2, "oversized": 0], dispatched: 30,
                dispatchSeconds: [0.5: 0.0004, 0.99: 0.0021]))
        let samples = Self.samples(text)
        #expect(samples["collider_tasks{state=\"done\"}"] == 3)
        #expect(samples["collider_tasks{state=\"pending\"}"] == 0)
        #expect(samples["collider_calls_total{role=\"all\"}"] == 120)
        #expect(samples["collider_tokens_total"] == 45_000 && samples["collider_dollars_total"] == 0.125)
        #expect(samples["collider_rate_limited_total"] == 7)
        #expect(samples["collider_leases_active"] == 1 && samples["collider_leases_suspect"] == 1)
        #expect(samples["collider_workers_connected"] == 1)
        #expect(samples["collider_frames_dropped_total{reason=\"malformed\"}"] == 2)
        #expect(samples["collider_dispatch_tasks_total"] == 30)
        #expect(samples["collider_dispatch_seconds{quantile=\"0.99\"}"] == 0.0021)
        #expect(samples["collider_endpoint_rate_factor{endpoint=\"open\\\"ai\"}"] == 0.5)
        #expect(samples["collider_endpoint_paused{endpoint=\"open\\\"ai\"}"] == 1)
        // Every line is a comment or `name{…} value`; every family is announced before its samples.
        var announced: Set<String> = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") { announced.insert(String(line.split(separator: " ")[2])) }
            if line.hasPrefix("#") { continue }
            let name = String(line.prefix { $0 != "{" && $0 != " " })
            #expect(announced.contains(name), "\(line)")
            #expect(line.split(separator: " ").count == 2, "\(line)")
        }
        #expect(text.hasSuffix("\n"))
    }
}
