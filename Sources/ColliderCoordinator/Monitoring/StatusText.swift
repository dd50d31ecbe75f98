import Foundation

/// `collider status` without `--json`: the report as aligned text, one section per part.
public enum StatusText {
    /// States in the order the columns show them.
    static let states = ["pending", "leased", "unknown", "done", "failed", "blocked"]

    /// The whole report; `now` dates pauses and suspect leases.
    public static func render(_ report: StatusReport, now: Date = Date()) -> String {
        var lines = [
            "sweep \(report.sweep) (from the \(report.source.rawValue)): " + counts(report.counts)
                + "  calls \(report.calls)  tokens \(report.tokens)  " + String(format: "$%.4f", report.dollars)
                + (report.rateLimited.map { "  429s \($0)" } ?? "")
        ]
        lines.append("")
        lines += table(
            ["backbone", "mode", "gate"] + states + ["calls", "tokens", "dollars"],
            report.cells.map { cell in
                [cell.backbone, cell.mode ?? "-", cell.gate] + states.map { "\(cell.counts[$0, default: 0])" }
                    + ["\(cell.calls)", "\(cell.tokens)", String(format: "%.4f", cell.dollars)]
            })
        if !report.workers.isEmpty {
            lines += ["", "workers:"]
            lines += table(
                ["worker", "leased", "done", "failed", "connected"],
                report.workers.map { worker in
                    [worker.worker] + ["leased", "done", "failed"].map { "\(worker.counts[$0, default: 0])" }
                        + [worker.connected.map { $0 ? "yes" : "no" } ?? "-"]
                })
        }
        if let running = report.running, !running.isEmpty {
            lines += ["", "running:"]
            lines += table(
                ["task", "worker", "step", "stage", "calls", "for"],
                running.map {
                    [$0.label, $0.worker, $0.step.map(String.init) ?? "-", $0.stage ?? "-", "\($0.calls)",
                     ProgressLine.duration($0.seconds)]
                })
        }
        if !report.suspect.isEmpty {
            lines += ["", "suspect (silent past the stall timeout):"]
            lines += report.suspect.map {
                "  \($0.label) on \($0.worker), since "
                    + ProgressLine.duration(now.timeIntervalSince1970 - $0.since) + " ago  [\($0.task.prefix(12))]"
            }
        }
        if !report.failures.isEmpty {
            lines += ["", "failures:"]
            lines += report.failures.map {
                "  \($0.label) \($0.state)" + ($0.failureClass.map { " [\($0)]" } ?? "")
                    + " after \($0.attempt + 1) attempt(s)" + ($0.reason.map { ": \($0)" } ?? "")
                    + "  [\($0.task.prefix(12))]"
            }
        }
        if let endpoints = report.endpoints, !endpoints.isEmpty {
            lines += ["", "endpoints:"]
            lines += table(
                ["endpoint", "rate", "paused"],
                endpoints.map { endpoint in
                    let pause = endpoint.pausedUntil.map { until in
                        endpoint.paused
                            ? "for " + ProgressLine.duration(until - now.timeIntervalSince1970)
                            : "no (last pause ended " + ProgressLine.duration(now.timeIntervalSince1970 - until) + " ago)"
                    }
                    return [endpoint.endpoint, String(format: "%.2f", endpoint.rateFactor), pause ?? "never"]
                })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `done 3, pending 1` in the column order, zeros left out.
    static func counts(_ counts: [String: Int]) -> String {
        let known = states.compactMap { state in counts[state].map { "\(state) \($0)" } }
        let other = counts.keys.filter { !states.contains($0) }.sorted().map { "\($0) \(counts[$0] ?? 0)" }
        let all = known + other
        return all.isEmpty ? "no tasks" : all.joined(separator: ", ")
    }

    /// Left-aligned columns two spaces apart, indented by two.
    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
