import Foundation

extension SweepPlan {
    /// The human-readable plan: one row per cell, totals, the analyses and the budget verdict.
    /// With `color`, an over-budget verdict is printed in red.
    public func table(color: Bool) -> String {
        let header = [
            "backbone", "mode", "gate", "tasks", "task", "loss", "gradient", "optimizer", "judge",
            "calls", "in tok", "out tok", "USD",
        ]
        var rows: [[String]] = []
        for line in runs {
            rows.append(row(line.backbone, line.mode?.rawValue ?? "-", line.gate.rawValue, line))
        }
        rows.append([])
        rows.append(row("runs", "", "", Line(kind: .run, backbone: "", mode: nil, gate: .none,
                                             tasks: runs.reduce(0) { $0 + $1.tasks }, estimate: runTotal)))
        if !analyses.isEmpty {
            rows.append([])
            for line in analyses {
                rows.append(row(line.backbone, line.kind.rawValue, line.gate.rawValue, line))
            }
            rows.append([])
            rows.append(row("analyses", "", "", Line(kind: .cherryPick, backbone: "", mode: nil, gate: .none,
                                                     tasks: analyses.reduce(0) { $0 + $1.tasks },
                                                     estimate: analysisTotal)))
        }
        rows.append(row("total", "", "", Line(kind: .run, backbone: "", mode: nil, gate: .none,
                                              tasks: tasks.count, estimate: total)))

        var text = "Plan for \(name): \(tasks.count) tasks, \(Self.group(total.calls.total)) LLM calls, "
        text += "\(Self.tokens(total.tokens.input + total.tokens.output)) tokens, about \(Self.dollars(total.usd))\n\n"
        text += Self.render(header: header, rows: rows)
        text += "\n" + budgetVerdict(color: color) + "\n"
        return text
    }

    /// One sentence on the budget; red when over it and `color` is on.
    public func budgetVerdict(color: Bool) -> String {
        guard let maxUSD else {
            return "No budget.max_usd set: the sweep has no dollar ceiling."
        }
        if isOverBudget {
            let text = "OVER BUDGET: the estimate \(Self.dollars(total.usd)) exceeds budget.max_usd "
                + "\(Self.dollars(maxUSD)); raise the budget, shrink the grid, or pass --allow-over-budget to sweep."
            return color ? "\u{1B}[31m\(text)\u{1B}[0m" : text
        }
        return "Within budget: the estimate \(Self.dollars(total.usd)) is under budget.max_usd \(Self.dollars(maxUSD))."
    }

    private func row(_ a: String, _ b: String, _ c: String, _ line: Line) -> [String] {
        let calls = line.estimate.calls
        return [
            a, b, c, Self.group(line.tasks), Self.group(calls.task), Self.group(calls.loss),
            Self.group(calls.gradient), Self.group(calls.optimizer), Self.group(calls.judge),
            Self.group(calls.total), Self.tokens(line.estimate.tokens.input),
            Self.tokens(line.estimate.tokens.output), Self.dollars(line.estimate.usd),
        ]
    }

    /// Left-aligns the first three columns, right-aligns the numbers; an empty row is a rule.
    private static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows where !row.isEmpty {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func format(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        var lines = [format(header), rule]
        for row in rows { lines.append(row.isEmpty ? rule : format(row)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// 339936 → "339,936".
    static func group(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return String(result.reversed())
    }

    /// 1234567 → "1.23M".
    static func tokens(_ value: Double) -> String {
        switch value {
        case 1e9...: String(format: "%.2fB", value / 1e9)
        case 1e6...: String(format: "%.2fM", value / 1e6)
        case 1e3...: String(format: "%.1fk", value / 1e3)
        default: String(format: "%.0f", value)
        }
    }

    static func dollars(_ value: Double) -> String {
        String(format: "$%.2f", value)
    }
}
