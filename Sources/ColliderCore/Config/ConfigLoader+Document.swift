/// The top level: reads each section, then the checks that span sections.
extension ConfigLoader {
    static let topLevelKeys = [
        "name", "dataset", "pipeline", "grid", "analyses", "backbones", "judge", "endpoints", "budget", "compat",
    ]

    /// The whole config, or nil when anything was reported.
    static func parseDocument(_ root: ConfigValue, context: LoadContext) -> SweepConfig? {
        guard let top = root.mapping(allowedKeys: topLevelKeys) else { return nil }
        // Compat and endpoints come first: role defaults and role endpoints depend on them.
        let name = top.read("name", parseName)
        let compat = top.read("compat", default: CompatSwitches(), parseCompat)
        let endpoints = top.read("endpoints", parseEndpoints)
        let endpointNames = endpoints.map { Array($0.keys) }
        let releasedTemperatures = compat?.releasedTemperatures ?? false
        let backbones = top.read("backbones") {
            parseBackbones($0, endpointNames: endpointNames, releasedTemperatures: releasedTemperatures)
        }
        let judgeValue = top.value("judge")
        let judge = judgeValue.flatMap {
            parseRole($0, role: .judge, endpointNames: endpointNames, releasedTemperatures: releasedTemperatures)
        }
        let analyses = top.read("analyses", default: AnalysesConfig(), parseAnalyses)
        let dataset = top.read("dataset") { parseDataset($0, context: context) }
        let pipeline = top.read("pipeline") { parsePipeline($0, trainSize: dataset?.split.train) }
        let grid = top.read("grid") { parseGrid($0, backbones: backbones.map { Array($0.keys) }) }
        let budget = top.read("budget", default: BudgetConfig(), parseBudget)

        if let analyses {
            checkJudge(given: judgeValue != nil, analyses: analyses, at: top.value("analyses"))
        }
        if let analyses, let endpoints, let grid, let backbones {
            var roles = grid.backbones.compactMap { backbones[$0] }.flatMap(\.roles)
            if analyses.needsJudge, let judge { roles.append(judge) }
            checkUsage(of: roles, endpoints: endpoints, reader: root.reader, purpose: context.purpose)
        }

        guard let name, let compat, let endpoints, let backbones, let analyses, let dataset, let pipeline,
            let grid, let budget, judgeValue == nil || judge != nil
        else { return nil }
        return SweepConfig(
            name: name, dataset: dataset, pipeline: pipeline, grid: grid, analyses: analyses,
            backbones: backbones.mapValues(\.backbone), judge: judge?.config,
            endpoints: endpoints.mapValues(\.config), budget: budget, compat: compat)
    }

    /// The sweep name, which becomes the folder `results/<name>/`.
    static func parseName(_ value: ConfigValue) -> String? {
        guard let name = value.string() else { return nil }
        let allowed = name.unicodeScalars.allSatisfy {
            $0 == "." || $0 == "_" || $0 == "-" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0)
        }
        guard allowed, name != ".", name != ".." else {
            value.reader.report(
                "\"\(name)\" cannot name the results folder; use only letters, digits, \".\", \"_\" and \"-\"",
                at: value.place)
            return nil
        }
        return name
    }
}
