/// `backbones:` and `judge:`: which model plays each role, and how it is asked.
extension ConfigLoader {
    static let backboneKeys = ["task", "loss", "gradient", "optimizer"]
    static let roleKeys = [
        "endpoint", "model", "temperature", "max_tokens", "prompt_suffix", "extra_body", "timeout_seconds",
    ]

    /// Backbones by name.
    static func parseBackbones(
        _ value: ConfigValue, endpointNames: [String]?, releasedTemperatures: Bool
    ) -> [String: ParsedBackbone]? {
        guard let map = value.mapping(allowedKeys: nil) else { return nil }
        var backbones: [String: ParsedBackbone] = [:]
        var valid = true
        for entry in map.entries {
            guard
                let backbone = parseBackbone(
                    entry.value, endpointNames: endpointNames, releasedTemperatures: releasedTemperatures)
            else {
                valid = false
                continue
            }
            backbones[entry.key] = backbone
        }
        return valid ? backbones : nil
    }

    private static func parseBackbone(
        _ value: ConfigValue, endpointNames: [String]?, releasedTemperatures: Bool
    ) -> ParsedBackbone? {
        guard let map = value.mapping(allowedKeys: backboneKeys) else { return nil }
        func role(_ role: Role) -> ParsedRole? {
            map.read(role.rawValue) {
                parseRole($0, role: role, endpointNames: endpointNames, releasedTemperatures: releasedTemperatures)
            }
        }
        guard let task = role(.task), let loss = role(.loss), let gradient = role(.gradient),
            let optimizer = role(.optimizer)
        else { return nil }
        return ParsedBackbone(
            backbone: Backbone(
                task: task.config, loss: loss.config, gradient: gradient.config, optimizer: optimizer.config),
            roles: [task, loss, gradient, optimizer])
    }

    /// One role; unset fields take the defaults of `RoleConfig.defaults(for:releasedTemperatures:)`.
    /// `endpointNames` is nil when `endpoints` itself is broken, and then references go unchecked.
    static func parseRole(
        _ value: ConfigValue, role: Role, endpointNames: [String]?, releasedTemperatures: Bool
    ) -> ParsedRole? {
        guard let map = value.mapping(allowedKeys: roleKeys) else { return nil }
        let defaults = RoleConfig.defaults(for: role, releasedTemperatures: releasedTemperatures)
        let endpoint = map.read("endpoint") { value -> String? in
            guard let name = value.string() else { return nil }
            if let endpointNames, !endpointNames.contains(name) {
                let defined = endpointNames.isEmpty ? "(none)" : endpointNames.sorted().joined(separator: ", ")
                value.reader.report(
                    "endpoint \"\(name)\" is not defined under endpoints; defined: \(defined)", at: value.place)
                return nil
            }
            return name
        }
        let modelValue = map.value("model", required: true)
        let model = modelValue.flatMap { $0.string() }
        let temperature = map.read("temperature", default: defaults.temperature) { $0.number(.between(0, 2)) }
        let maxTokens = map.read("max_tokens", default: defaults.maxTokens) { $0.int(minimum: 1) }
        let promptSuffix = map.read("prompt_suffix", default: "") { $0.string(nonEmpty: false) }
        let extraBody = map.read("extra_body", default: [:]) { $0.jsonObject() }
        let timeout = map.read("timeout_seconds", default: defaults.timeoutSeconds) { $0.number(.greaterThan(0)) }
        guard let endpoint, let model, let modelValue, let temperature, let maxTokens, let promptSuffix,
            let extraBody, let timeout
        else { return nil }
        let config = RoleConfig(
            endpoint: endpoint, model: model, temperature: temperature, maxTokens: maxTokens,
            promptSuffix: promptSuffix, extraBody: extraBody, timeoutSeconds: timeout)
        return ParsedRole(config: config, modelPlace: modelValue.place)
    }
}

/// A role and where its model was named, for the missing-price warning.
struct ParsedRole {
    var config: RoleConfig
    var modelPlace: ConfigPlace
}

/// A backbone and its four parsed roles.
struct ParsedBackbone {
    var backbone: Backbone
    var roles: [ParsedRole]
}
