/// `endpoints:`: the provider APIs, their limits and prices.
extension ConfigLoader {
    static let endpointKeys = [
        "kind", "base_url", "api_key_env", "requests_per_minute", "tokens_per_minute", "max_concurrency", "prices",
    ]
    static let priceKeys = ["input", "cached_input", "output"]

    /// Endpoints by name.
    static func parseEndpoints(_ value: ConfigValue) -> [String: ParsedEndpoint]? {
        guard let map = value.mapping(allowedKeys: nil) else { return nil }
        var endpoints: [String: ParsedEndpoint] = [:]
        var valid = true
        for entry in map.entries {
            guard let endpoint = parseEndpoint(entry.value) else {
                valid = false
                continue
            }
            endpoints[entry.key] = endpoint
        }
        return valid ? endpoints : nil
    }

    private static func parseEndpoint(_ value: ConfigValue) -> ParsedEndpoint? {
        guard let map = value.mapping(allowedKeys: endpointKeys) else { return nil }
        let kind = map.read("kind") { $0.choice(EndpointKind.self, what: "endpoint kind") }
        let baseURLValue = map.value("base_url", required: kind == .openai)
        let baseURL = baseURLValue.flatMap(parseBaseURL)
        let apiKeyValue = map.value("api_key_env")
        let apiKeyEnv = apiKeyValue.flatMap(parseVariableName)
        let requestsPerMinute = map.read("requests_per_minute", default: 60) { $0.int(minimum: 1) }
        let tokensPerMinute = map.read("tokens_per_minute", default: 1_000_000) { $0.int(minimum: 1) }
        let maxConcurrency = map.read("max_concurrency", default: 10) { $0.int(minimum: 1) }
        let prices = map.read("prices", default: [:], parsePrices)
        // An optional key that is present must have been read.
        guard let kind, baseURLValue == nil || baseURL != nil, apiKeyValue == nil || apiKeyEnv != nil,
            let requestsPerMinute, let tokensPerMinute, let maxConcurrency, let prices
        else { return nil }
        let config = EndpointConfig(
            kind: kind, baseURL: baseURL, apiKeyEnv: apiKeyEnv, requestsPerMinute: requestsPerMinute,
            tokensPerMinute: tokensPerMinute, maxConcurrency: maxConcurrency, prices: prices)
        return ParsedEndpoint(config: config, apiKeyEnvPlace: apiKeyValue?.place)
    }

    private static func parseBaseURL(_ value: ConfigValue) -> String? {
        guard let url = value.string() else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            let fix = url.contains("://") ? "use an http:// or https:// URL" : "write it as https://\(url)"
            value.reader.report("base_url \"\(url)\" must start with http:// or https://; \(fix)", at: value.place)
            return nil
        }
        return url
    }

    /// The name of the variable that holds the key. The text is never repeated in a message, in
    /// case the key itself was pasted here.
    private static func parseVariableName(_ value: ConfigValue) -> String? {
        guard let name = value.string() else { return nil }
        guard Interpolation.isVariableName(name) else {
            value.reader.report(
                "expected the NAME of an environment variable (letters, digits and \"_\"), not the key itself; "
                    + "e.g. api_key_env: OPENROUTER_API_KEY",
                at: value.place)
            return nil
        }
        return name
    }

    /// Dollars per million tokens by model; `cached_input` defaults to `input`.
    private static func parsePrices(_ value: ConfigValue) -> [String: Price]? {
        guard let map = value.mapping(allowedKeys: nil) else { return nil }
        var prices: [String: Price] = [:]
        var valid = true
        for entry in map.entries {
            guard let price = entry.value.mapping(allowedKeys: priceKeys).flatMap(parsePrice) else {
                valid = false
                continue
            }
            prices[entry.key] = price
        }
        return valid ? prices : nil
    }

    private static func parsePrice(_ map: ConfigMapping) -> Price? {
        let input = map.read("input") { $0.number(.atLeast(0)) }
        let output = map.read("output") { $0.number(.atLeast(0)) }
        // Absent: the input price; present but invalid: nil.
        let cachedInput = map.value("cached_input").map { $0.number(.atLeast(0)) } ?? input
        guard let input, let output, let cachedInput else { return nil }
        return Price(input: input, cachedInput: cachedInput, output: output)
    }
}

/// An endpoint and where its `api_key_env` is, for the API-key check.
struct ParsedEndpoint {
    var config: EndpointConfig
    var apiKeyEnvPlace: ConfigPlace?
}
