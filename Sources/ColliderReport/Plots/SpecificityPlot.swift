import ColliderCore
import Foundation

/// The paper's Figure 3 for one backbone × gate: gradient specificity per mode, one bar for all
/// criteria and one per criterion (the mean over seeds of each seed's mean judge score, whiskers
/// ±1 sample SD over seeds). Per-task-gradient modes (Single, SSS, SSC) and cross-task ones (SCC,
/// CCC) sit on differently shaded backgrounds, each with its mean as a dashed line, and the drop
/// between them is stated under the title (Table 4).
struct SpecificityPlot {
    static let width = 760.0
    static let height = 440.0
    static let left = 64.0
    static let right = 744.0
    static let top = 74.0
    static let bottom = 330.0
    static let allCriteriaColor = "#444444"
    static let perTaskBackground = "#e6f2e8"
    static let crossTaskBackground = "#fbe7e3"

    let key: BackboneGate
    /// The summaries of ``key``'s cells, in mode order.
    let summaries: [DiagnosticSummary]
    let criteria: [String]

    /// The criterion's colour: the same as in the trajectory plots.
    static func color(criterion index: Int) -> String {
        TrajectoryPlot.palette[index % TrajectoryPlot.palette.count]
    }

    /// One plot per backbone × gate with specificity results, in backbone then gate order.
    static func all(_ summaries: [DiagnosticSummary], criteria: [String]) -> [SpecificityPlot] {
        let groups = Dictionary(grouping: summaries) { BackboneGate(backbone: $0.cell.backbone, gate: $0.cell.gate) }
        return groups.keys.sorted().map { key in
            SpecificityPlot(key: key, summaries: (groups[key] ?? []).sorted { $0.cell < $1.cell }, criteria: criteria)
        }
    }

    /// The file name under `plots/`: `specificity_<backbone>_<gate>.svg`.
    var fileName: String {
        let stem = key.backbone + "_" + key.gate.rawValue
        return "specificity_" + String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }) + ".svg"
    }

    var title: String { "\(key.backbone) · gate \(key.gate.rawValue): gradient specificity by mode" }

    var svg: String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        canvas.text(Self.width / 2, 22, title, anchor: "middle", size: 14)
        let subtitle = SpecificityDrop(summaries).map { drop in
            "Per-task gradient modes average \(ReportFormat.fixed(drop.perTask, 2)), cross-task modes "
                + "\(ReportFormat.fixed(drop.crossTask, 2)): \(drop.change)."
        } ?? "Judge scores 1–10: 10 = focused on the one criterion, 1 = generic or about other criteria."
        canvas.text(Self.width / 2, 40, subtitle, anchor: "middle", size: 11)
        guard !summaries.isEmpty else {
            canvas.text(Self.width / 2, Self.height / 2, "No specificity score on record", anchor: "middle", size: 14)
            return canvas.document(label: title)
        }
        let y = { (value: Double) in Self.bottom - min(max(value, 0), 10) / 10 * (Self.bottom - Self.top) }
        let group = (Self.right - Self.left) / Double(summaries.count)
        let groups = modeGroups
        for run in groups {
            let x0 = Self.left + Double(run.range.lowerBound) * group
            let x1 = Self.left + Double(run.range.upperBound + 1) * group
            canvas.rect(
                x0, Self.top, x1 - x0, Self.bottom - Self.top,
                fill: run.perTask ? Self.perTaskBackground : Self.crossTaskBackground)
            let name = run.perTask ? "Per-task gradients" : "Cross-task gradients"
            let mean = run.mean.map { " (dashed: mean \(ReportFormat.fixed($0, 1)))" } ?? ""
            canvas.text((x0 + x1) / 2, Self.top - 8, name + mean, anchor: "middle", size: 11)
        }
        axes(&canvas, y: y)
        let bars = Double(criteria.count + 1)
        let barWidth = group * 0.8 / bars
        for (index, summary) in summaries.enumerated() {
            let start = Self.left + Double(index) * group + group * 0.1
            let entries = [("all criteria", Self.allCriteriaColor, summary.overall)]
                + criteria.enumerated().map { ($1, Self.color(criterion: $0), summary.perCriterion[$1]) }
            for (position, entry) in entries.enumerated() {
                bar(
                    &canvas, x: start + Double(position) * barWidth, width: barWidth,
                    label: "\(summary.cell.modeLabel) · \(entry.0)", color: entry.1, statistics: entry.2, y: y)
            }
            let centre = Self.left + (Double(index) + 0.5) * group
            canvas.text(centre, Self.bottom + 18, summary.cell.modeLabel, anchor: "middle", size: 12)
            let seeds = summary.overall.map { "n = \($0.count) seed" + ($0.count == 1 ? "" : "s") } ?? "no usable score"
            canvas.text(centre, Self.bottom + 33, seeds, anchor: "middle", size: 10)
        }
        for run in groups {
            guard let mean = run.mean else { continue }
            let x0 = Self.left + Double(run.range.lowerBound) * group
            let x1 = Self.left + Double(run.range.upperBound + 1) * group
            canvas.line(x0, y(mean), x1, y(mean), stroke: "#333333", width: 1.2, dash: "6 3")
        }
        legend(&canvas)
        return canvas.document(label: title)
    }

    /// Runs of adjacent modes of the same kind (per-task or cross-task gradients), each with the
    /// mean of its modes' all-criteria bars.
    private var modeGroups: [(range: ClosedRange<Int>, perTask: Bool, mean: Double?)] {
        var groups: [(range: ClosedRange<Int>, perTask: Bool, mean: Double?)] = []
        var start = 0
        while start < summaries.count {
            let perTask = summaries[start].cell.mode.perTaskGradient
            var end = start
            while end + 1 < summaries.count && summaries[end + 1].cell.mode.perTaskGradient == perTask { end += 1 }
            let means = summaries[start...end].compactMap(\.overall?.mean)
            groups.append((start...end, perTask, means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)))
            start = end + 1
        }
        return groups
    }

    private func axes(_ canvas: inout SVGCanvas, y: (Double) -> Double) {
        canvas.line(Self.left, Self.bottom, Self.right, Self.bottom, stroke: "#333333")
        canvas.line(Self.left, Self.top, Self.left, Self.bottom, stroke: "#333333")
        for value in stride(from: 0.0, through: 10, by: 2) {
            canvas.line(Self.left - 4, y(value), Self.left, y(value), stroke: "#333333")
            canvas.text(Self.left - 6, y(value) + 4, ReportFormat.fixed(value, 0), anchor: "end")
        }
        canvas.text(
            20, (Self.top + Self.bottom) / 2, "Gradient specificity (judge, 1–10)", anchor: "middle", size: 12, rotate: true)
    }

    /// A bar at the mean with a ±1 SD whisker, or a dash where the criterion has no usable score.
    private func bar(
        _ canvas: inout SVGCanvas, x: Double, width: Double, label: String, color: String, statistics: SampleStatistics?,
        y: (Double) -> Double
    ) {
        let inner = width * 0.85
        guard let statistics else {
            canvas.text(x + inner / 2, Self.bottom - 4, "–", anchor: "middle", size: 10)
            return
        }
        let spread = ReportFormat.fixed(statistics.standardDeviation, 2)
        let detail = "\(label): \(ReportFormat.fixed(statistics.mean, 2)) ± \(spread) over \(statistics.count) seed"
            + (statistics.count == 1 ? "" : "s")
        canvas.rect(
            x, y(statistics.mean), inner, Self.bottom - y(statistics.mean), fill: color, kind: "bar", title: detail)
        let centre = x + inner / 2
        let high = y(statistics.mean + statistics.standardDeviation)
        let low = y(statistics.mean - statistics.standardDeviation)
        canvas.line(centre, high, centre, low, stroke: "#000000", width: 1.2)
        canvas.line(centre - inner / 4, high, centre + inner / 4, high, stroke: "#000000", width: 1.2)
        canvas.line(centre - inner / 4, low, centre + inner / 4, low, stroke: "#000000", width: 1.2)
    }

    private func legend(_ canvas: inout SVGCanvas) {
        let entries = [("all criteria", Self.allCriteriaColor)]
            + criteria.enumerated().map { ($1, Self.color(criterion: $0)) }
        for (index, entry) in entries.enumerated() {
            let x = Self.left + Double(index % 5) * 136
            let y = Self.bottom + 58 + Double(index / 5) * 18
            canvas.rect(x, y - 10, 12, 12, fill: entry.1)
            canvas.text(x + 18, y, entry.0)
        }
        let rows = Double((entries.count + 4) / 5)
        let note = Self.bottom + 58 + rows * 18 + 4
        canvas.line(Self.left + 6, note - 12, Self.left + 6, note + 2, stroke: "#000000", width: 1.2)
        canvas.text(
            Self.left + 18, note,
            "Bar: mean over seeds of each seed's mean score (all judged steps); whisker: ±1 sample SD over seeds.")
    }
}
