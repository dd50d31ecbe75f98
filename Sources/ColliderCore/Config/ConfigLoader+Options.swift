/// The small optional sections: `analyses:`, `budget:`, `compat:`.
extension ConfigLoader {
    static let analysesKeys = ["cherry_pick", "gradient_specificity", "feedback_adherence"]

    static func parseAnalyses(_ value: ConfigValue) -> AnalysesConfig? {
        guard let map = value.mapping(allowedKeys: analysesKeys) else { return nil }
        let cherryPick = map.read("cherry_pick", default: false) { $0.bool() }
        let gradientSpecificity = map.read("gradient_specificity", default: false) { $0.bool() }
        let feedbackAdherence = map.read("feedback_adherence", default: false) { $0.bool() }
        guard let cherryPick, let gradientSpecificity, let feedbackAdherence else { return nil }
        return AnalysesConfig(
            cherryPick: cherryPick, gradientSpecificity: gradientSpecificity, feedbackAdherence: feedbackAdherence)
    }

    static func parseBudget(_ value: ConfigValue) -> BudgetConfig? {
        guard let map = value.mapping(allowedKeys: ["max_usd"]) else { return nil }
        guard let maxUSD = map.value("max_usd") else { return BudgetConfig() }
        return maxUSD.number(.greaterThan(0)).map { BudgetConfig(maxUSD: $0) }
    }

    /// The switches in `CompatSwitches.keys`; each is a boolean.
    static func parseCompat(_ value: ConfigValue) -> CompatSwitches? {
        guard let map = value.mapping(allowedKeys: CompatSwitches.keys) else { return nil }
        var switches = CompatSwitches()
        var valid = true
        for entry in map.entries where !entry.value.isNull {
            guard let on = entry.value.bool(), let field = compatField(entry.key) else {
                valid = false
                continue
            }
            switches[keyPath: field] = on
        }
        return valid ? switches : nil
    }

    /// The field behind a YAML key of `CompatSwitches.keys`.
    private static func compatField(_ key: String) -> WritableKeyPath<CompatSwitches, Bool>? {
        switch key {
        case "drop_format_block_after_update": \.dropFormatBlockAfterUpdate
        case "released_temperatures": \.releasedTemperatures
        case "no_json_resampling": \.noJSONResampling
        case "step_seeded_minibatches": \.stepSeededMinibatches
        case "fallback_to_initial_instruction": \.fallbackToInitialInstruction
        case "dedupe_combined_gradients": \.dedupeCombinedGradients
        default: nil
        }
    }
}
