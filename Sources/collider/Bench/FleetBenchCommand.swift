import ArgumentParser
import ColliderCoordinator
import ColliderCore
import ColliderLLM
import ColliderTransport
import ColliderWorker
import Foundation
import Logging
import SimProvider

/// `collider bench fleet`: how close a fleet of workers sharing one endpoint through the
/// coordinator's rate budget runs to the endpoint's limit, and how many 429s it draws (issue 5:
/// 8 workers reach ≥ 0.9 of the limit with ≤ 1 % 429s). Everything is real but in one process:
/// an in-process simulated provider enforcing `--rpm`/`--tpm` with one second of burst; a ROUTER
/// answering RATE_REQ from `FleetBudget`; `--workers` DEALERs, each with its own `OpenAIClient`
/// (libcurl, its endpoint configured with the *whole* limits) spending grants through a
/// `FleetRateAgent`, and each driven by `--concurrency` closed-loop callers.
struct FleetBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Achieved ÷ allowed rate and the share of 429s of workers sharing one endpoint's fleet budget.",
        discussion: """
            Measured over the steady window: the run less its warm-up (the longer of 10 % of the run \
            and one second). `efficiency` is the binding limit's achieved ÷ allowed rate for the whole \
            fleet; `share_429` the share of attempts the provider answered 429.
            """)

    @Option(help: "Workers sharing the endpoint, each with its own client and socket.")
    var workers: Int = 8

    @Option(help: "Requests per minute of the endpoint, for the whole fleet.")
    var rpm: Int = 6_000

    @Option(help: "Tokens per minute of the endpoint, for the whole fleet.")
    var tpm: Int = 2_000_000

    @Option(help: "Closed-loop callers per worker, also each client's max requests in flight.")
    var concurrency: Int = 8

    @Option(help: "Seconds to run.")
    var duration: Double = 30

    @Flag(help: "The baseline without the fleet budget: every worker paces alone to the whole limits.")
    var unshared = false

    @OptionGroup var output: BenchOutputOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var efficiency: Double
        var share429: Double
        var requests: Int
        var attempts: Int
        var workers: Int
        var durationSeconds: Double
        var windowSeconds: Double
        var rpm: Int
        var tpm: Int
        var concurrency: Int
        var rateRequests: Int
        var pauses: Int
        var shared: Bool

        enum CodingKeys: String, CodingKey {
            case efficiency, requests, attempts, workers, rpm, tpm, concurrency, pauses, shared
            case share429 = "share_429"
            case durationSeconds = "duration_s"
            case windowSeconds = "window_s"
            case rateRequests = "rate_requests"
        }
    }

    func validate() throws {
        guard workers > 0 else { throw ValidationError("--workers must be positive.") }
        guard rpm > 0, tpm > 0 else { throw ValidationError("--rpm and --tpm must be positive.") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive.") }
        guard duration >= 2 else { throw ValidationError("--duration must be at least 2 seconds.") }
    }

    func run() async throws {
        let logger = BenchWorkload.logger("collider.bench.fleet")
        let sim = try await SimProvider.start(
            SimProvider.Options(requestsPerMinute: rpm, tokensPerMinute: tpm, burstSeconds: 1), logger: logger)
        let router = try await RouterEndpoint(RouterEndpoint.Configuration(bindAddress: "tcp://127.0.0.1:*"), logger: logger)
        let budget = BudgetServer(
            router: router,
            budget: FleetBudget(
                limits: [BenchWorkload.endpoint: EndpointLimits(requestsPerMinute: rpm, tokensPerMinute: tpm)]))
        let serving = Task { await budget.serve() }
        var fleet: [BenchWorker] = []
        for index in 0..<workers {
            fleet.append(
                try await BenchWorker.start(
                    index: index, coordinator: router.address, baseURL: sim.baseURL, rpm: rpm, tpm: tpm,
                    concurrency: concurrency, shared: !unshared, logger: logger))
        }
        let calls = await withTaskGroup(of: [BenchCall].self) { group in
            for worker in fleet {
                group.addTask {
                    await RateLimitBenchCommand.drive(worker.client, workers: concurrency, seconds: duration)
                }
            }
            var all: [BenchCall] = []
            for await calls in group { all += calls }
            return all
        }
        for worker in fleet { await worker.stop() }
        serving.cancel()
        await router.close()
        try await sim.stop()

        let window = SteadyWindow(duration: duration)
        let measured = RateEfficiency(calls: calls, window: window, requestsPerMinute: rpm, tokensPerMinute: tpm)
        let counts = await budget.counts
        let report = Report(
            efficiency: measured.efficiency, share429: measured.share429, requests: measured.requests,
            attempts: measured.attempts, workers: workers, durationSeconds: duration, windowSeconds: window.seconds,
            rpm: rpm, tpm: tpm, concurrency: concurrency, rateRequests: counts.requests, pauses: counts.pauses,
            shared: !unshared)
        if output.json {
            try BenchWorkload.printJSON(report)
        } else {
            print(
                """
                \(workers) workers: efficiency \(String(format: "%.4f", report.efficiency)) over \(window.seconds) s \
                (\(report.requests) requests), share of 429s \(String(format: "%.4f", report.share429)) \
                of \(report.attempts) attempts; \(report.rateRequests) RATE_REQs, \(report.pauses) pauses
                """)
        }
    }
}

/// The coordinator's rate part alone: RATE_REQ in, `FleetBudget`'s RATE_GRANT / RATE_PAUSE out,
/// routed as `CoordinatorService` routes them (without a sweep to schedule).
private actor BudgetServer {
    let router: RouterEndpoint
    var budget: FleetBudget
    private(set) var counts = (requests: 0, pauses: 0)

    init(router: RouterEndpoint, budget: FleetBudget) {
        self.router = router
        self.budget = budget
    }

    func serve() async {
        for await (peer, envelope) in router.incoming {
            guard case .rateRequest(let request) = envelope.message else { continue }
            counts.requests += 1
            let now = Date()
            let worker = WorkerID(peer.description)
            if (request.rateLimited ?? 0) > 0 {
                await send(budget.handle(.report429(endpoint: request.endpoint, retryAfter: request.retryAfterSeconds, now: now)), now: now)
            }
            await send(
                budget.handle(
                    .rateRequest(worker, endpoint: request.endpoint, requests: request.requests, tokens: request.tokens, now: now)),
                now: now)
        }
    }

    private func send(_ actions: [BudgetAction], now: Date) async {
        for action in actions {
            switch action {
            case .grant(let worker, let grant):
                _ = try? await router.send(
                    .rateGrant(
                        ColliderTransport.RateGrant(
                            endpoint: grant.endpoint, requests: grant.requests, tokens: grant.tokens,
                            validUntil: grant.expiresAt.timeIntervalSince1970,
                            seconds: max(0, grant.expiresAt.timeIntervalSince(now)))),
                    to: PeerID(worker.rawValue))
            case .pause(let endpoint, let until, let holders):
                counts.pauses += 1
                for holder in holders {
                    _ = try? await router.send(
                        .ratePause(RatePause(endpoint: endpoint, untilSeconds: max(0, until.timeIntervalSince(now)))),
                        to: PeerID(holder.rawValue))
                }
            case .unknownEndpoint:
                break
            }
        }
    }
}

/// One benchmark worker: a DEALER, a client spending fleet grants, and the agent between them.
private struct BenchWorker {
    let client: OpenAIClient
    let transport: CurlHTTPClient
    let dealer: DealerEndpoint
    let tasks: [Task<Void, Never>]

    static func start(
        index: Int, coordinator: String, baseURL: String, rpm: Int, tpm: Int, concurrency: Int, shared: Bool,
        logger: Logger
    ) async throws -> BenchWorker {
        let dealer = try await DealerEndpoint(
            DealerEndpoint.Configuration(connectAddress: coordinator, routingID: "bench-worker-\(index)"), logger: logger)
        let (client, transport) = try BenchWorkload.client(
            baseURL: baseURL, requestsPerMinute: rpm, tokensPerMinute: tpm, concurrency: concurrency, logger: logger,
            capacity: shared ? FleetRateAgent.capacity : nil)
        guard shared else { return BenchWorker(client: client, transport: transport, dealer: dealer, tasks: []) }
        let options = FleetRateOptions()
        let agent = FleetRateAgent(logger: logger)
        await agent.attach(
            client,
            endpoints: [
                BenchWorkload.endpoint: BenchWorkload.endpointConfig(
                    baseURL: baseURL, requestsPerMinute: rpm, tokensPerMinute: tpm, concurrency: concurrency)
            ],
            options: options)
        let ticking = Task {
            while !Task.isCancelled {
                for message in await agent.tick() { _ = try? await dealer.send(message) }
                try? await Task.sleep(for: options.tickInterval)
            }
        }
        let listening = Task {
            for await envelope in dealer.incoming {
                switch envelope.message {
                case .rateGrant(let grant): await agent.received(grant)
                case .ratePause(let pause): await agent.paused(pause)
                default: break
                }
            }
        }
        return BenchWorker(client: client, transport: transport, dealer: dealer, tasks: [ticking, listening])
    }

    func stop() async {
        for task in tasks { task.cancel() }
        await dealer.close()
        await transport.shutdown()
    }
}
