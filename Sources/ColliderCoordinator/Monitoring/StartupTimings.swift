import Foundation

/// How long each stage of a coordinator's start took, in order: printed as one line before the
/// coordinator says it listens, and read back by `collider bench restart`.
public struct StartupTimings: Sendable, Equatable {
    /// One stage and its wall-clock seconds.
    public struct Phase: Sendable, Equatable {
        public var name: String
        public var seconds: Double

        public init(name: String, seconds: Double) {
            self.name = name
            self.seconds = seconds
        }
    }

    /// The stages, in the order they ran.
    public private(set) var phases: [Phase] = []

    /// What `line` starts with.
    public static let prefix = "startup:"

    public init() {}

    /// Runs `body` and records its wall-clock time under `name` (also when it throws).
    public mutating func measure<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = ContinuousClock.now
        defer { record(name, since: start) }
        return try body()
    }

    /// Runs `body` and records its wall-clock time under `name` (also when it throws).
    public mutating func measure<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer { record(name, since: start) }
        return try await body()
    }

    /// Appends `other`'s stages after these.
    public mutating func append(_ other: StartupTimings) {
        phases += other.phases
    }

    /// `startup: config 0.012 s, plan 1.200 s, …`.
    public var line: String {
        Self.prefix + " " + phases.map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", ")
    }

    /// Reads back a `line`; nil when `text` is not one.
    public init?(line text: some StringProtocol) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        for part in text.dropFirst(Self.prefix.count).split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count >= 3, words.last == "s", let seconds = Double(words[words.count - 2]) else { return nil }
            phases.append(Phase(name: words.dropLast(2).joined(separator: " "), seconds: seconds))
        }
    }

    private mutating func record(_ name: String, since start: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - start).components
        phases.append(Phase(name: name, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
    }
}
