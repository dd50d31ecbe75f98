import Foundation

/// What `collider status` prints: a sweep's tasks per cell and per worker, suspect tasks,
/// failures and totals, read from its store; a running coordinator adds its live view (workers
/// connected, leases in flight with their step, each endpoint's rate-limit state).
/// `docs/report.md` documents the JSON form field by field.
public struct StatusReport: Sendable, Equatable, Codable {
    /// Where it comes from.
    public enum Source: String, Sendable, Codable {
        /// Read from `collider.sqlite`.
        case store
        /// Asked of a running coordinator.
        case coordinator
    }

    /// One cell of the grid (backbone × mode × gate); analyses have no mode.
    public struct Cell: Sendable, Equatable, Codable {
        public var backbone: String
        public var mode: String?
        public var gate: String
        /// Tasks by state.
        public var counts: [String: Int]
        /// Calls, tokens and dollars reported by the cell's tasks.
        public var calls: Int
        public var tokens: Int
        public var dollars: Double
    }

    /// A worker that held or holds a task.
    public struct Worker: Sendable, Equatable, Codable {
        public var worker: String
        /// Tasks it holds now (`leased`), finished (`done`) or failed for good (`failed`).
        public var counts: [String: Int]
        /// Connected to the coordinator now; nil when read from the store.
        public var connected: Bool?

        public init(worker: String, counts: [String: Int], connected: Bool?) {
            self.worker = worker
            self.counts = counts
            self.connected = connected
        }
    }

    /// A lease that went silent past its stall timeout and has not reported since.
    public struct Suspect: Sendable, Equatable, Codable {
        public var task: String
        public var label: String
        public var worker: String
        /// When it was marked (seconds since 1970).
        public var since: Double

        public init(task: String, label: String, worker: String, since: Double) {
            self.task = task
            self.label = label
            self.worker = worker
            self.since = since
        }
    }

    /// A task failed for good.
    public struct Failure: Sendable, Equatable, Codable {
        public var task: String
        public var label: String
        /// `failed` or `blocked` (a dependency failed).
        public var state: String
        /// The failure class (`config`, `infra`, `model`, …); nil for a blocked task.
        public var failureClass: String?
        public var reason: String?
        public var attempt: Int

        enum CodingKeys: String, CodingKey {
            case task, label, state, reason, attempt
            case failureClass = "failure_class"
        }
    }

    /// A lease in flight (coordinator only).
    public struct Running: Sendable, Equatable, Codable {
        public var task: String
        public var label: String
        public var worker: String
        /// Last completed step (0 is the baseline), nil before the first report.
        public var step: Int?
        public var stage: String?
        public var calls: Int
        /// Seconds since the lease was granted.
        public var seconds: Double

        public init(task: String, label: String, worker: String, step: Int?, stage: String?, calls: Int, seconds: Double) {
            self.task = task
            self.label = label
            self.worker = worker
            self.step = step
            self.stage = stage
            self.calls = calls
            self.seconds = seconds
        }
    }

    /// An endpoint's fleet rate-limit state (coordinator only).
    public struct Endpoint: Sendable, Equatable, Codable {
        public var endpoint: String
        /// Fraction of the configured limits in force (1 until a 429).
        public var rateFactor: Double
        /// End of the current or last 429 pause (seconds since 1970), nil if it never paused.
        public var pausedUntil: Double?
        /// Whether that pause is still on.
        public var paused: Bool

        public init(endpoint: String, rateFactor: Double, pausedUntil: Double?, paused: Bool) {
            self.endpoint = endpoint
            self.rateFactor = rateFactor
            self.pausedUntil = pausedUntil
            self.paused = paused
        }

        enum CodingKeys: String, CodingKey {
            case endpoint, paused
            case rateFactor = "rate_factor"
            case pausedUntil = "paused_until"
        }
    }

    public var sweep: String
    public var source: Source
    /// Tasks of the plan by state.
    public var counts: [String: Int]
    public var calls: Int
    public var tokens: Int
    public var dollars: Double
    /// Sorted by backbone, mode, gate.
    public var cells: [Cell]
    /// Sorted by worker id.
    public var workers: [Worker]
    public var suspect: [Suspect]
    public var failures: [Failure]
    /// Coordinator only: leases in flight, sorted by task.
    public var running: [Running]?
    /// Coordinator only: sorted by endpoint name.
    public var endpoints: [Endpoint]?
    /// Coordinator only: 429 answers reported to the fleet budget since it started.
    public var rateLimited: Int?

    /// Creates a report; the coordinator-only parts default to nil (a store's report).
    public init(
        sweep: String, source: Source, counts: [String: Int], calls: Int, tokens: Int, dollars: Double,
        cells: [Cell], workers: [Worker], suspect: [Suspect], failures: [Failure], running: [Running]? = nil,
        endpoints: [Endpoint]? = nil, rateLimited: Int? = nil
    ) {
        self.sweep = sweep
        self.source = source
        self.counts = counts
        self.calls = calls
        self.tokens = tokens
        self.dollars = dollars
        self.cells = cells
        self.workers = workers
        self.suspect = suspect
        self.failures = failures
        self.running = running
        self.endpoints = endpoints
        self.rateLimited = rateLimited
    }

    enum CodingKeys: String, CodingKey {
        case sweep, source, counts, calls, tokens, dollars, cells, workers, suspect, failures, running, endpoints
        case rateLimited = "rate_limited"
    }
}

extension StatusReport {
    /// Pretty, key-sorted JSON: the `collider status --json` document.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
