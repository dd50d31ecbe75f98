// swift-tools-version: 6.2
import PackageDescription

/// CI builds with every warning as an error; local builds keep warnings as warnings so that an
/// unfinished edit still runs.
let strict: [SwiftSetting] =
    Context.environment["CI"] == "true" ? [.treatAllWarnings(as: .error)] : []

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "collider",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "collider", targets: ["collider"]),
        .library(name: "ColliderCore", targets: ["ColliderCore"]),
        .library(name: "ColliderLLM", targets: ["ColliderLLM"]),
        .library(name: "ColliderPipeline", targets: ["ColliderPipeline"]),
        .library(name: "ColliderTransport", targets: ["ColliderTransport"]),
        .library(name: "ColliderCoordinator", targets: ["ColliderCoordinator"]),
        .library(name: "SimProvider", targets: ["SimProvider"]),
        .library(name: "ColliderReport", targets: ["ColliderReport"]),
        .library(name: "ColliderRunner", targets: ["ColliderRunner"]),
        .library(name: "ColliderWorker", targets: ["ColliderWorker"]),
        .library(name: "ColliderCoordinatorService", targets: ["ColliderCoordinatorService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The simulated provider's HTTP server; swift-nio, swift-http-types and
        // swift-service-lifecycle come with it and are named for the modules we import from them.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries.
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // Config, data, grid, metrics, the LLM protocol: Foundation only.
        .target(
            name: "ColliderCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The libcurl client, rate limits, retries, cost, the call journal.
        .target(name: "ColliderLLM", dependencies: ["CCurl", "ColliderCore", logging], swiftSettings: strict),
        // One task: the TextGrad run, cherry-pick, diagnostics; talks to Core's LLM protocol only.
        .target(name: "ColliderPipeline", dependencies: ["ColliderCore"], swiftSettings: strict),
        // ZeroMQ sockets on one I/O thread and the wire protocol.
        .target(name: "ColliderTransport", dependencies: ["ColliderCore", "CZeroMQ", logging], swiftSettings: strict),
        // Scheduler, leases, fleet budget and the SQLite store.
        .target(
            name: "ColliderCoordinator",
            dependencies: [
                "ColliderCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), logging,
            ],
            swiftSettings: strict
        ),
        // The simulated OpenAI-compatible provider.
        .target(
            name: "SimProvider",
            dependencies: [
                "ColliderCore",
                logging,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Executes one task of any kind into a results folder; provisions the LLM for a sweep.
        // Results folder → statistics over seeds, tables, plots, report.html.
        .target(name: "ColliderReport", dependencies: ["ColliderCore", "ColliderPipeline"], swiftSettings: strict),
        .target(
            name: "ColliderRunner",
            dependencies: ["ColliderCore", "ColliderLLM", "ColliderPipeline", "SimProvider", logging],
            swiftSettings: strict
        ),
        // The worker: takes leases over the transport and runs them through the runner.
        .target(
            name: "ColliderWorker",
            dependencies: ["ColliderCore", "ColliderLLM", "ColliderPipeline", "ColliderRunner", "ColliderTransport", logging],
            swiftSettings: strict
        ),
        // The coordinator's shell: the ROUTER, the tick, and `CoordinatorCore` on its own queue.
        .target(
            name: "ColliderCoordinatorService",
            dependencies: [
                "ColliderCore", "ColliderLLM", "ColliderRunner", "ColliderTransport", "ColliderCoordinator",
                "ColliderReport", logging,
                // GET /metrics.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The parsers of untrusted input (frames, config text, LLM replies) with the properties the
        // fuzzer checks; `collider-fuzz` is the libFuzzer executable of `make fuzz` (docs/fuzzing.md).
        .target(
            name: "ColliderFuzzing", dependencies: ["ColliderCore", "ColliderPipeline", "ColliderTransport"],
            swiftSettings: strict),
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(name: "collider-fuzz", dependencies: ["ColliderFuzzing", "CLibFuzzer"], swiftSettings: strict),
        // Test doubles shared by test targets (a scripted LLM, a recording sink, a tiny sweep).
        .target(name: "ColliderTesting", dependencies: ["ColliderCore", "ColliderPipeline", logging], swiftSettings: strict),
        .executableTarget(
            name: "collider",
            dependencies: [
                "ColliderCore",
                "ColliderLLM",
                "ColliderPipeline",
                "ColliderTransport",
                "ColliderCoordinator",
                "SimProvider",
                "ColliderReport",
                "ColliderRunner",
                "ColliderWorker",
                "ColliderCoordinatorService",
                "CZeroMQ",
                "CCurl",
                logging,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "ColliderCoreTests", dependencies: ["ColliderCore"], swiftSettings: strict),
        .testTarget(
            name: "ColliderLLMTests", dependencies: ["ColliderLLM", "ColliderCore", logging], swiftSettings: strict),
        .testTarget(
            name: "ColliderPipelineTests",
            dependencies: ["ColliderCore", "ColliderPipeline", "ColliderTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ColliderTransportTests",
            dependencies: ["ColliderTransport", "ColliderCore", "CZeroMQ", "ColliderTesting", logging],
            swiftSettings: strict
        ),
        .testTarget(name: "ColliderCoordinatorTests", dependencies: ["ColliderCoordinator"], swiftSettings: strict),
        .testTarget(name: "SimProviderTests", dependencies: ["SimProvider"], swiftSettings: strict),
        .testTarget(
            name: "ColliderReportTests",
            dependencies: ["ColliderCore", "ColliderPipeline", "ColliderReport", "ColliderTesting"],
            exclude: ["Fixtures"],  // golden JSON the tests read by path
            swiftSettings: strict
        ),
        .testTarget(
            name: "ColliderRunnerTests",
            dependencies: ["ColliderRunner", "ColliderCore", "ColliderLLM", "ColliderPipeline", "ColliderTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ColliderFuzzingTests",
            dependencies: ["ColliderFuzzing"],
            exclude: ["FuzzRegressions"],  // inputs the tests read by path
            swiftSettings: strict
        ),
        .testTarget(name: "ColliderBenchTests", dependencies: ["collider", "CZeroMQ"], swiftSettings: strict),
        .testTarget(
            name: "ColliderWorkerTests",
            dependencies: [
                "ColliderWorker", "ColliderRunner", "ColliderCoordinatorService", "ColliderCoordinator", "ColliderCore",
                "ColliderPipeline", "ColliderTransport", "ColliderTesting", "SimProvider", "ColliderReport",
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
