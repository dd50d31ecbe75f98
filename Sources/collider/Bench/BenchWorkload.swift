import ArgumentParser
import ColliderCore
import ColliderLLM
import Foundation
import Logging

/// The requests, client and output the benchmarks share.
enum BenchWorkload {
    /// The endpoint name the benchmarks configure.
    static let endpoint = "sim"
    /// The model name sent; priced at zero so no attempt logs a missing price.
    static let model = "collider-sim"

    /// A quiet logger on standard error, so that `--json` output stays clean.
    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }

    /// An `OpenAIClient` for `baseURL` whose endpoint has the given limits (0: unlimited), with
    /// its rate capacity from `capacity` (nil: local buckets).
    static func client(
        baseURL: String, requestsPerMinute: Int, tokensPerMinute: Int, concurrency: Int, logger: Logger,
        capacity: CapacityProvider? = nil
    ) throws -> (OpenAIClient, CurlHTTPClient) {
        let transport = try CurlHTTPClient(maxConnectionsPerHost: max(16, concurrency), logger: logger)
        let config = endpointConfig(
            baseURL: baseURL, requestsPerMinute: requestsPerMinute, tokensPerMinute: tokensPerMinute,
            concurrency: concurrency)
        let client = try OpenAIClient(
            endpoints: [endpoint: config], transport: transport, logger: logger, capacity: capacity)
        return (client, transport)
    }

    /// The benchmarks' endpoint: the simulated provider at `baseURL`, priced at zero.
    static func endpointConfig(baseURL: String, requestsPerMinute: Int, tokensPerMinute: Int, concurrency: Int)
        -> EndpointConfig
    {
        EndpointConfig(
            kind: .sim, baseURL: baseURL, apiKeyEnv: nil, requestsPerMinute: requestsPerMinute,
            tokensPerMinute: tokensPerMinute, maxConcurrency: concurrency,
            prices: [model: Price(input: 0, cachedInput: 0, output: 0)])
    }

    /// A task-role request whose body differs for every (worker, index), as a sweep's do.
    static func request(worker: Int, index: Int) -> LLMRequest {
        let prompt = """
            You are a careful, calibrated evaluator.
            ## Task
            Evaluate the Summary given the Source Text. Output a JSON with integer scores from 1 to 5 \
            for fluency, coherence, consistency and relevance, without reasoning.
            ## Source Text
            The council approved a budget of \(40 + index % 17) million dollars on Monday after a vote of \
            \(5 + worker % 4) to 2. The budget funds new schools and repairs to the bridge.
            ## Summary
            The council approved the budget (item \(worker)-\(index)); it funds schools and the bridge.
            """
        return LLMRequest(
            role: .task, callKey: "bench-\(worker)-\(index)", taskID: "bench", endpoint: endpoint, model: model,
            prompt: prompt, temperature: 0, maxTokens: 64, timeoutSeconds: 30)
    }

    /// Raises the open-file limit to the hard one for `connections` simulated workers (two
    /// descriptors each here, one each in a child coordinator, which inherits the limit) and
    /// returns it; throws, naming `what` needs them, when it stays too low.
    static func openFileLimit(forConnections connections: Int, what: String) throws -> Int {
        let needed = 2 * connections + 256
        let limit = OpenFileLimit.raiseToHardLimit()
        guard limit >= needed else {
            throw ValidationError("\(what) need about \(needed) open files; the limit is \(limit) (raise `ulimit -n`).")
        }
        return limit
    }

    /// Prints `value` as one line of JSON with sorted keys.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var benchSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
