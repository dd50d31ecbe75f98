import ArgumentParser
import ColliderCore
import Foundation
import Logging
import ServiceLifecycle
import SimProvider

/// `collider sim-provider`: a simulated OpenAI-compatible provider on loopback.
struct SimProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-provider",
        abstract: "Serve a simulated OpenAI-compatible chat API for offline runs and tests.",
        discussion: """
            Prints `listening on http://HOST:PORT/v1` as its first line of standard output, then \
            serves until SIGTERM or SIGINT. Behaviour is documented in docs/sim-provider.md.
            """)

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Seed for every random choice (content, latency, faults).")
    var seed: UInt64 = 0

    @Option(help: "Requests per minute (unlimited when omitted).")
    var rpm: Int?

    @Option(help: "Tokens per minute, prompt + completion at 4 characters a token (unlimited when omitted).")
    var tpm: Int?

    @Option(name: .customLong("burst-seconds"), help: "Seconds of each limit the token buckets hold.")
    var burstSeconds: Double = 1

    @Option(name: .customLong("latency-ms"), help: "Latency median and 99th percentile in ms, as P50,P99.")
    var latency: String = "0,0"

    @Option(name: .customLong("fault-rate"), help: "Chance that a request fails (500, 503, hang, reset, truncated, empty).")
    var faultRate: Double = 0

    @Option(name: .customLong("malformed-rate"), help: "Chance that an optimizer reply is malformed.")
    var malformedRate: Double = 0

    @Option(name: .customLong("api-key-env"), help: "Require `Bearer <value of this environment variable>`.")
    var apiKeyEnv: String?

    @Flag(help: "Log each request to standard error.")
    var verbose = false

    @OptionGroup var parentWatch: ParentWatchOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0...65535.") }
        guard rpm.map({ $0 > 0 }) ?? true, tpm.map({ $0 > 0 }) ?? true else {
            throw ValidationError("--rpm and --tpm must be positive.")
        }
        guard burstSeconds > 0 else { throw ValidationError("--burst-seconds must be positive.") }
        guard (0...1).contains(faultRate), (0...1).contains(malformedRate) else {
            throw ValidationError("--fault-rate and --malformed-rate must be in 0...1.")
        }
        _ = try latencyPercentiles()
        if let apiKeyEnv, ProcessInfo.processInfo.environment[apiKeyEnv]?.isEmpty ?? true {
            throw ValidationError("--api-key-env names \(apiKeyEnv), which is not set.")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let watch = parentWatch.start()
        defer { watch?.cancel() }
        var logger = Logger(label: "collider.sim-provider")
        logger.logLevel = verbose ? .debug : .warning
        let (p50, p99) = try latencyPercentiles()
        let options = SimProvider.Options(
            host: host, port: port, seed: seed, requestsPerMinute: rpm, tokensPerMinute: tpm,
            burstSeconds: burstSeconds, latencyP50Milliseconds: p50, latencyP99Milliseconds: p99,
            faultRate: faultRate, malformedRate: malformedRate,
            apiKey: apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }.map(SimAPIKey.init))
        let host = self.host
        let provider = SimProvider(options: options, logger: logger) { port in
            // Unbuffered, so a parent process reading the pipe sees the line at once.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)/v1\n".utf8))
        }
        let group = ServiceGroup(services: [provider], logger: logger)
        try await TerminationSignals.run(onSignal: { await group.triggerGracefulShutdown() }) { try await group.run() }
    }

    private func latencyPercentiles() throws -> (Double, Double) {
        let parts = latency.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let p50 = parts[0], let p99 = parts[1], p50 >= 0, p99 >= 0 else {
            throw ValidationError("--latency-ms must be P50,P99 in milliseconds, e.g. 800,4000.")
        }
        return (p50, p99)
    }
}
