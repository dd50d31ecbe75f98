// swift-tools-version: 6.2
import PackageDescription

/// CI builds with every warning as an error; local builds keep warnings as warnings so that an
/// unfinished edit still runs.
let strict: [SwiftSetting] =
    Context.environment["CI"] == "true" ? [.treatAllWarnings(as: .error)] : []

let package = Package(
    name: "collider",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "collider", targets: ["collider"]),
        .library(name: "ColliderCore", targets: ["ColliderCore"]),
        .library(name: "ColliderTransport", targets: ["ColliderTransport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "ColliderCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ColliderTransport",
            dependencies: [
                "ColliderCore",
                "CZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "collider",
            dependencies: [
                "ColliderCore",
                "CZeroMQ",
                "CCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ColliderCoreTests",
            dependencies: ["ColliderCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ColliderTransportTests",
            dependencies: [
                "ColliderTransport",
                "ColliderCore",
                "CZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
