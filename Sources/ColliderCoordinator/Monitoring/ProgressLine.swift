import Foundation

/// The text of the progress display: one line, the same on a terminal (redrawn in place) and in
/// a log (one line per period).
///
/// It starts `done N  leased N  pending N  failed N  calls N  $D` (fields apart by two spaces;
/// scripts read the `calls` field), then tokens, calls/s, the 429 share and the ETA.
public enum ProgressLine {
    /// The line for `meter`'s latest sample; empty before any sample.
    public static func render(_ meter: ProgressMeter) -> String {
        guard let sample = meter.latest else { return "" }
        var fields = [
            "done \(sample.count("done"))", "leased \(sample.count("leased"))", "pending \(sample.count("pending"))",
            "failed \(sample.count("failed"))", "calls \(sample.calls)", String(format: "$%.4f", sample.dollars),
            "tokens \(sample.tokens)",
        ]
        if sample.count("blocked") > 0 { fields.insert("blocked \(sample.count("blocked"))", at: 4) }
        if let rate = meter.callsPerSecond { fields.append(String(format: "%.1f calls/s", rate)) }
        if let share = meter.rateLimitedShare { fields.append(String(format: "429 %.1f%%", share * 100)) }
        fields.append("ETA " + (meter.etaSeconds.map(duration) ?? "?"))
        return fields.joined(separator: "  ")
    }

    /// `42s`, `3m05s`, `2h07m`.
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3_600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3_600, whole % 3_600 / 60)
    }
}
