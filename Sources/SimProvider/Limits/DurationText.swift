import Foundation

/// Durations written the way OpenAI's `x-ratelimit-reset-*` headers write them: `250ms`, `1.5s`,
/// `6m0s`.
enum DurationText {
    /// `seconds` in OpenAI's header notation.
    static func openAI(seconds: Double) -> String {
        let seconds = max(0, seconds)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded(.up)))ms" }
        let minutes = Int(seconds / 60)
        let rest = seconds - Double(minutes * 60)
        let restText = String(format: "%.3f", rest)
            .replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
        return minutes > 0 ? "\(minutes)m\(restText)s" : "\(restText)s"
    }
}
