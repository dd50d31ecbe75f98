import ArgumentParser
import ColliderCore
import ColliderLLM
import Foundation
import SimProvider

/// `collider bench ratelimit`: how close the client's rate limiter runs to a provider's limits
/// without being told off. An in-process simulated provider enforces `--rpm`/`--tpm` with one
/// second of burst and no latency; the real `OpenAIClient`, configured with the same limits, is
/// driven by a closed loop of `--concurrency` workers for `--duration` seconds.
struct RateLimitBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratelimit",
        abstract: "Achieved ÷ allowed rate and the share of 429s against a rate-limited simulated provider.",
        discussion: """
            Measured over the steady window: the run less its warm-up (the longer of 10 % of the run \
            and one second). `efficiency` is the binding limit's achieved ÷ allowed rate; `share_429` \
            the share of attempts the provider answered 429.
            """)

    @Option(help: "Requests per minute, enforced by the provider and configured on the client.")
    var rpm: Int = 6_000

    @Option(help: "Tokens per minute, enforced by the provider and configured on the client.")
    var tpm: Int = 2_000_000

    @Option(help: "Closed-loop workers, also the client's max requests in flight.")
    var concurrency: Int = 16

    @Option(help: "Seconds to run.")
    var duration: Double = 30

    @OptionGroup var output: BenchOutputOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var efficiency: Double
        var share429: Double
        var requests: Int
        var attempts: Int
        var durationSeconds: Double
        var windowSeconds: Double
        var rpm: Int
        var tpm: Int
        var concurrency: Int
        var callsFailed: Int

        enum CodingKeys: String, CodingKey {
            case efficiency, requests, attempts, rpm, tpm, concurrency
            case share429 = "share_429"
            case durationSeconds = "duration_s"
            case windowSeconds = "window_s"
            case callsFailed = "calls_failed"
        }
    }

    func validate() throws {
        guard rpm > 0, tpm > 0 else { throw ValidationError("--rpm and --tpm must be positive.") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive.") }
        guard duration >= 2 else { throw ValidationError("--duration must be at least 2 seconds.") }
    }

    func run() async throws {
        let logger = BenchWorkload.logger("collider.bench.ratelimit")
        let sim = try await SimProvider.start(
            SimProvider.Options(requestsPerMinute: rpm, tokensPerMinute: tpm, burstSeconds: 1), logger: logger)
        let (client, transport) = try BenchWorkload.client(
            baseURL: sim.baseURL, requestsPerMinute: rpm, tokensPerMinute: tpm, concurrency: concurrency,
            logger: logger)
        let calls = await Self.drive(client, workers: concurrency, seconds: duration)
        await transport.shutdown()
        try await sim.stop()

        let window = SteadyWindow(duration: duration)
        let measured = RateEfficiency(calls: calls, window: window, requestsPerMinute: rpm, tokensPerMinute: tpm)
        let report = Report(
            efficiency: measured.efficiency, share429: measured.share429, requests: measured.requests,
            attempts: measured.attempts, durationSeconds: duration, windowSeconds: window.seconds, rpm: rpm,
            tpm: tpm, concurrency: concurrency, callsFailed: calls.filter { !$0.succeeded }.count)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                efficiency \(String(format: "%.4f", report.efficiency)) over \(window.seconds) s \
                (\(report.requests) requests), share of 429s \(String(format: "%.4f", report.share429)) \
                of \(report.attempts) attempts; \(report.callsFailed) calls failed
                """)
        }
    }

    /// Runs `workers` closed loops of calls for `seconds`; calls still waiting at the end are
    /// cancelled, and the transfer a cancellation cut short is not counted as an attempt.
    static func drive(_ client: OpenAIClient, workers: Int, seconds: Double) async -> [BenchCall] {
        let origin = ContinuousClock.now
        let deadline = origin + .seconds(seconds)
        return await withTaskGroup(of: [BenchCall].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var calls: [BenchCall] = []
                    var index = 0
                    while ContinuousClock.now < deadline && !Task.isCancelled {
                        let request = BenchWorkload.request(worker: worker, index: index)
                        index += 1
                        let started = (ContinuousClock.now - origin).benchSeconds
                        do throws(LLMError) {
                            let reply = try await client.complete(request)
                            calls.append(
                                BenchCall(
                                    startedAt: started, finishedAt: (ContinuousClock.now - origin).benchSeconds,
                                    succeeded: true, tokens: reply.usage.totalTokens,
                                    statuses: reply.attempts.map(\.status)))
                        } catch {
                            let cancelled = error.failure == .cancelled
                            let attempts = cancelled ? error.attempts.filter { $0.status != nil } : error.attempts
                            calls.append(
                                BenchCall(
                                    startedAt: started, finishedAt: (ContinuousClock.now - origin).benchSeconds,
                                    succeeded: false, tokens: 0, statuses: attempts.map(\.status)))
                        }
                    }
                    return calls
                }
            }
            try? await Task.sleep(until: deadline, clock: .continuous)
            group.cancelAll()
            var all: [BenchCall] = []
            for await calls in group { all += calls }
            return all
        }
    }
}
