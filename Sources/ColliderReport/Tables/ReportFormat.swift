import ColliderCore
import Foundation

/// Deterministic number formatting for the report's tables and plots.
enum ReportFormat {
    /// The placeholder of a value that does not exist (no data, or HVI of Single-Task).
    static let none = "—"

    /// `value` with `digits` decimals, never "-0.000".
    static func fixed(_ value: Double, _ digits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(digits)f", value)
        let isZero = text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        return text.hasPrefix("-") && isZero ? String(text.dropFirst()) : text
    }

    /// `value` with an explicit sign, e.g. "+0.031".
    static func signed(_ value: Double, _ digits: Int = 3) -> String {
        let text = fixed(value, digits)
        return text.hasPrefix("-") ? text : "+" + text
    }

    /// "mean ± sd (n=k)", or "—".
    static func meanSD(_ statistics: SampleStatistics?, signed: Bool = false) -> String {
        guard let statistics else { return none }
        let mean = signed ? Self.signed(statistics.mean) : fixed(statistics.mean)
        return "\(mean) ± \(fixed(statistics.standardDeviation)) (n=\(statistics.count))"
    }

    /// A CSV/JSON number cell: full precision (shortest round-trip), or empty.
    static func raw(_ value: Double?) -> String {
        value.map { "\($0)" } ?? ""
    }
}
