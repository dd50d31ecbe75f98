import ColliderCore
import Foundation

/// The paper's Figure 2 for one cell: per-criterion test Spearman over steps (mean over seeds with
/// a min–max band), the task average with a star at its best step, and the cumulative
/// hypervolume on a secondary axis (reference-pipeline.md §8.2). Every evaluated step of a mean
/// line has a marker, so a cell with only step 0 on record still shows its points.
struct TrajectoryPlot {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    static let width = 680.0
    static let height = 420.0
    static let left = 64.0
    static let right = 616.0
    static let top = 44.0
    static let bottom = 300.0

    let cell: CellStatistics

    /// The file name under `plots/`: `trajectory_<backbone>_<mode>_<gate>.svg`.
    var fileName: String {
        let stem = [cell.cell.backbone, cell.cell.mode.rawValue, cell.cell.gate.rawValue].joined(separator: "_")
        return "trajectory_" + String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }) + ".svg"
    }

    var title: String {
        "\(cell.cell.backbone) · \(cell.cell.modeLabel) · gate \(cell.cell.gate.rawValue): test Spearman by step "
            + "(\(cell.seeds.count) seeds)"
    }

    var svg: String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        canvas.text(Self.width / 2, 24, title, anchor: "middle", size: 14)
        guard let first = cell.steps.first, let last = cell.steps.last else {
            canvas.text(Self.width / 2, Self.height / 2, "No evaluated step on record", anchor: "middle", size: 14)
            return canvas.document(label: title)
        }
        let x = Self.scale(from: (Double(first.step), Double(max(last.step, first.step + 1))), to: (Self.left, Self.right))
        let values = cell.steps.flatMap { step in
            step.spearman.values.flatMap { [$0.min, $0.max] } + [step.averageSpearman.mean]
        }
        let ticks = Self.ticks(values.min() ?? 0, values.max() ?? 0)
        let y = Self.scale(from: (ticks.first ?? 0, ticks.last ?? 1), to: (Self.bottom, Self.top))
        axes(&canvas, x: x, steps: cell.steps.map(\.step), ticks: ticks, y: y)

        for (index, criterion) in cell.criteria.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let band = cell.steps.compactMap { s in s.spearman[criterion].map { (x(Double(s.step)), y($0.max)) } }
                + cell.steps.reversed().compactMap { s in s.spearman[criterion].map { (x(Double(s.step)), y($0.min)) } }
            canvas.polygon(band, fill: color, opacity: 0.15, title: "\(criterion): min–max over seeds")
            let line = cell.steps.compactMap { s in s.spearman[criterion].map { (x(Double(s.step)), y($0.mean)) } }
            canvas.polyline(line, stroke: color, width: 1.5, title: "\(criterion): mean over seeds")
            for point in line { canvas.circle(point.0, point.1, radius: 2.5, fill: color) }
        }
        let average = cell.steps.map { (x(Double($0.step)), y($0.averageSpearman.mean)) }
        canvas.polyline(average, stroke: "#000000", width: 2.5, title: "task average: mean over seeds")
        for point in average { canvas.circle(point.0, point.1, radius: 3, fill: "#000000") }
        if let best = cell.best {
            canvas.star(
                x(Double(best.step)), y(best.statistics.mean), radius: 8, fill: "#000000",
                title: "best step \(best.step): \(ReportFormat.fixed(best.statistics.mean))")
        }
        hypervolume(&canvas, x: x)
        legend(&canvas)
        return canvas.document(label: title)
    }

    private func axes(
        _ canvas: inout SVGCanvas, x: (Double) -> Double, steps: [Int], ticks: [Double], y: (Double) -> Double
    ) {
        canvas.line(Self.left, Self.bottom, Self.right, Self.bottom, stroke: "#333333")
        canvas.line(Self.left, Self.top, Self.left, Self.bottom, stroke: "#333333")
        for step in steps {
            canvas.line(x(Double(step)), Self.bottom, x(Double(step)), Self.bottom + 4, stroke: "#333333")
            canvas.text(x(Double(step)), Self.bottom + 16, "\(step)", anchor: "middle")
        }
        for value in ticks {
            canvas.line(Self.left - 4, y(value), Self.right, y(value), stroke: "#e5e5e5")
            canvas.text(Self.left - 6, y(value) + 4, ReportFormat.fixed(value, 2), anchor: "end")
        }
        canvas.text((Self.left + Self.right) / 2, Self.bottom + 34, "Step", anchor: "middle", size: 12)
        canvas.text(18, (Self.top + Self.bottom) / 2, "Test Spearman", anchor: "middle", size: 12, rotate: true)
    }

    private func hypervolume(_ canvas: inout SVGCanvas, x: (Double) -> Double) {
        let points = cell.steps.compactMap { s in s.hypervolume.map { (Double(s.step), $0) } }
        guard let lowest = points.map(\.1).min(), let highest = points.map(\.1).max() else { return }
        let ticks = Self.ticks(lowest, highest)
        let y = Self.scale(from: (ticks.first ?? 0, ticks.last ?? 1), to: (Self.bottom, Self.top))
        canvas.line(Self.right, Self.top, Self.right, Self.bottom, stroke: "#777777")
        for value in ticks {
            canvas.line(Self.right, y(value), Self.right + 4, y(value), stroke: "#777777")
            canvas.text(Self.right + 6, y(value) + 4, ReportFormat.fixed(value, 2))
        }
        canvas.text(Self.width - 10, (Self.top + Self.bottom) / 2, "Cumulative HV (ref −1)", anchor: "middle", size: 12, rotate: true)
        canvas.polyline(
            points.map { (x($0.0), y($0.1)) }, stroke: "#777777", width: 1.5, dash: "5 3",
            title: "cumulative hypervolume")
    }

    /// Criteria and the task average as lines, the cumulative HV dashed, and a grey swatch for the
    /// min–max bands, three entries a row.
    private func legend(_ canvas: inout SVGCanvas) {
        enum Swatch { case line, dashed, band }
        var entries = cell.criteria.enumerated().map { ($1, Self.palette[$0 % Self.palette.count], Swatch.line) }
        entries.append(("task average (★ best step)", "#000000", .line))
        if cell.hypervolume != nil { entries.append(("cumulative HV (right axis)", "#777777", .dashed)) }
        entries.append(("shaded band: min–max over seeds", "#777777", .band))
        for (index, entry) in entries.enumerated() {
            let column = Double(index % 3)
            let row = Double(index / 3)
            let x = Self.left + column * 190
            let y = Self.bottom + 56 + row * 18
            switch entry.2 {
            case .line, .dashed:
                canvas.line(x, y - 4, x + 24, y - 4, stroke: entry.1, width: 2.5, dash: entry.2 == .dashed ? "5 3" : nil)
            case .band:
                canvas.rect(x, y - 10, 24, 12, fill: entry.1, opacity: 0.3)
            }
            canvas.text(x + 30, y, entry.0)
        }
    }

    /// A linear map of the interval `from` onto `to`.
    private static func scale(from: (Double, Double), to: (Double, Double)) -> (Double) -> Double {
        let span = from.1 - from.0
        return { value in to.0 + (value - from.0) / (span == 0 ? 1 : span) * (to.1 - to.0) }
    }

    /// Round tick values covering [low, high]: a step of 1, 2, 2.5 or 5 × 10ᵏ giving at most 6
    /// intervals, the range widened to whole steps, never empty.
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let span = max(high - low, 1e-9)
        let magnitude = pow(10, (log10(span / 6)).rounded(.down))
        let unit = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { span / $0 <= 6 } ?? 10 * magnitude
        let first = (low / unit).rounded(.down)
        var last = (high / unit).rounded(.up)
        if last <= first { last = first + 1 }
        return stride(from: first, through: last, by: 1).map { $0 * unit }
    }
}
