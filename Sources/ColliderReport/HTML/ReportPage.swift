import ColliderCore

/// `report.html`: one self-contained page (inline CSS and SVG, no network) with the sweep's config
/// summary, what is missing or failed, the main table, every cell's trajectory plot, the
/// gradient-specificity plots, the analyses and the cost per cell.
struct ReportPage {
    let input: ResultsInput
    let main: TableDocument
    let cost: TableDocument
    let plots: [TrajectoryPlot]
    let specificity: [SpecificityPlot]
    let analyses: [TableDocument]

    static let style = """
        body{font-family:sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
        table{border-collapse:collapse;margin:.5em 0 1em;font-size:13px}
        th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
        td.num,th.num{text-align:right;white-space:nowrap}
        th{background:#f3f3f3}
        .note{font-size:12px;color:#555;max-width:60em}
        .plots{display:flex;flex-wrap:wrap;gap:12px}
        figure{margin:0}
        dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}
        dt{font-weight:bold}
        """

    var html: String {
        let name = HTML.escape(input.config.name)
        var body = "<h1>Sweep \(name)</h1>\n" + configSummary + problems + main.html()
        body += "<h2>Trajectories</h2>\n<p class=\"note\">Per-criterion test Spearman (mean over seeds, min–max band), "
            + "the task average with a star at its best step, and the cumulative hypervolume (dashed, right axis). "
            + "Per-step numbers: tables/per_step.md.</p>\n<div class=\"plots\">\n"
        for plot in plots {
            body += "<figure id=\"\(HTML.escape(plot.fileName))\">\n\(plot.svg)</figure>\n"
        }
        body += "</div>\n" + specificitySection + analyses.map { $0.html() }.joined() + cost.html()
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<title>collider report: \(name)</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n"
            + body + "</body>\n</html>\n"
    }

    /// The paper's Figure 3 per backbone × gate, when specificity results exist.
    private var specificitySection: String {
        guard !specificity.isEmpty else { return "" }
        return "<h2>Gradient specificity</h2>\n<p class=\"note\">How focused each step's gradients are on their "
            + "criterion, as the judge rates them (1–10), per mode: one bar for all criteria and one per criterion, "
            + "the mean over seeds with ±1 SD whiskers. Per-task gradient modes (Single, SSS, SSC) and cross-task ones "
            + "(SCC, CCC) are shaded differently. Numbers: the diagnostics table below.</p>\n<div class=\"plots\">\n"
            + specificity.map { "<figure id=\"\(HTML.escape($0.fileName))\">\n\($0.svg)</figure>\n" }.joined() + "</div>\n"
    }

    private var configSummary: String {
        let config = input.config
        let analyses = [
            config.analyses.cherryPick ? "cherry-pick" : nil,
            config.analyses.gradientSpecificity ? "gradient specificity" : nil,
            config.analyses.feedbackAdherence ? "feedback adherence" : nil,
        ].compactMap { $0 }
        let runTasks = input.tasks.filter { $0.kind == .run }.count
        let file = config.dataset.path.split(separator: "/").last.map(String.init) ?? config.dataset.path
        let pipeline = config.pipeline
        let backbones: [String] = config.grid.backbones.map { name in
            guard let roles = config.backbones[name] else { return name }
            return "\(name) (task \(roles.task.model), loss \(roles.loss.model), gradient \(roles.gradient.model), "
                + "optimizer \(roles.optimizer.model))"
        }
        var rows: [(String, String)] = []
        rows.append(("Data set", "\(file) (train \(config.dataset.split.train), test \(config.dataset.split.test))"))
        rows.append(("Criteria", config.dataset.criteria.joined(separator: ", ")))
        rows.append(
            (
                "Pipeline",
                "\(pipeline.steps) steps, batch \(pipeline.batchSize), validation \(pipeline.validationSize), "
                    + "evaluation every \(pipeline.evalEvery)"
            ))
        rows.append(("Backbones", backbones.joined(separator: "; ")))
        rows.append(("Modes", config.grid.modes.map(\.rawValue).joined(separator: ", ")))
        rows.append(("Gates", config.grid.gates.map(\.rawValue).joined(separator: ", ")))
        rows.append(("Seeds", config.grid.seeds.map(String.init).joined(separator: ", ")))
        rows.append(("Analyses", analyses.isEmpty ? "none" : analyses.joined(separator: ", ")))
        rows.append(("Runs", "\(input.runs.count) of \(runTasks) with records"))
        rows.append(("Cost", "$\(ReportFormat.fixed(input.dollars, 2)) over the run summaries on disk"))
        return "<h2>Configuration</h2>\n<dl>\n"
            + rows.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>\n" }.joined() + "</dl>\n"
    }

    private var problems: String {
        guard !input.problems.isEmpty else { return "<h2>Missing or failed</h2>\n<p>Every task has its results.</p>\n" }
        let table = TextTable(
            header: ["Task", "Status", "Last step", "Detail", "Id"],
            rows: input.problems.map {
                [$0.label, $0.kind.rawValue, $0.lastStep.map(String.init) ?? "—", $0.detail ?? "", $0.taskID]
            })
        return "<h2>Missing or failed</h2>\n<p class=\"note\">Cells aggregate whatever seeds are on record; "
            + "their n shows how many.</p>\n" + table.html(left: 5)
    }
}
