/// Checks on what the grid will actually call: the judge the diagnostics need, prices, API keys.
extension ConfigLoader {
    /// A judge is needed when an LLM-judged diagnostic is on; reported at the `analyses` key.
    static func checkJudge(given: Bool, analyses: AnalysesConfig, at analysesValue: ConfigValue?) {
        guard analyses.needsJudge, !given, let analysesValue else { return }
        let on = [
            analyses.gradientSpecificity ? "analyses.gradient_specificity" : nil,
            analyses.feedbackAdherence ? "analyses.feedback_adherence" : nil,
        ].compactMap { $0 }.joined(separator: " and ")
        analysesValue.reader.report(
            "required because \(on) is on; add a judge role (endpoint, model) or turn the diagnostic off",
            at: ConfigPlace(analysesValue.keyMark, keyPath: "judge"))
    }

    /// Warns about models without a price and checks the API key of every endpoint that `roles`
    /// use: a problem when requests will be sent, a warning on a dry run.
    static func checkUsage(
        of roles: [ParsedRole], endpoints: [String: ParsedEndpoint], reader: YAMLNodeReader, purpose: ConfigPurpose
    ) {
        var usedEndpoints: [String] = []
        var warnedPrices: Set<[String]> = []
        for role in roles {
            let name = role.config.endpoint
            guard let endpoint = endpoints[name] else { continue }
            if !usedEndpoints.contains(name) { usedEndpoints.append(name) }
            let model = role.config.model
            if endpoint.config.kind == .openai, endpoint.config.prices[model] == nil,
                warnedPrices.insert([name, model]).inserted
            {
                reader.warn(
                    "no price for model \"\(model)\" on endpoint \"\(name)\"; costs will be counted as $0 "
                        + "(add it under endpoints.\(name).prices)",
                    at: role.modelPlace)
            }
        }
        for name in usedEndpoints {
            guard let endpoint = endpoints[name], let variable = endpoint.config.apiKeyEnv,
                let place = endpoint.apiKeyEnvPlace
            else { continue }
            let state: String
            switch reader.environment[variable] {
            case nil: state = "is not set"
            case let value? where value.isEmpty: state = "is empty"
            default: continue
            }
            let message = "environment variable \(variable) \(state); export it with the endpoint's API key"
            switch purpose {
            case .sendsRequests: reader.report(message, at: place)
            case .dryRun: reader.warn(message, at: place)
            }
        }
    }
}

extension AnalysesConfig {
    /// Whether an LLM-judged diagnostic is on.
    var needsJudge: Bool { gradientSpecificity || feedbackAdherence }
}
