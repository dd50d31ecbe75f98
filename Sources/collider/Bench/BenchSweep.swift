import ColliderCore
import Foundation
import Synchronization

/// A throw-away sweep for the coordinator benchmarks: a temporary folder with a synthetic data set
/// and a config whose grid (one simulated backbone × 5 modes × 4 gates × seeds, `single` once per
/// criterion: 32 tasks per seed, no analyses) has at least the tasks asked for.
struct BenchSweep {
    /// Tasks per seed of the grid.
    static let tasksPerSeed = 32

    /// The temporary folder; `remove()` deletes it.
    let folder: URL
    /// The config file.
    let config: URL
    /// The results folder the coordinator stores into.
    let results: URL
    /// How many tasks the grid has.
    let taskCount: Int

    /// Writes the data set and config for at least `tasks` tasks into `folder` (default: a new
    /// temporary folder).
    init(tasks: Int, name: String, folder: URL? = nil) throws {
        self.folder =
            folder
            ?? FileManager.default.temporaryDirectory.appending(path: "collider-bench-\(name)-\(UUID().uuidString.prefix(8))")
        let folder = self.folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = SyntheticDataset.generate(rows: 240, seed: 7).map { $0 + "\n" }.joined()
        try Data(rows.utf8).write(to: folder.appending(path: "data.jsonl"))
        let seeds = Self.seeds(forAtLeast: tasks)
        taskCount = seeds * Self.tasksPerSeed
        config = folder.appending(path: "\(name).yaml")
        results = folder.appending(path: "results")
        try Data(Self.yaml(name: name, seeds: seeds).utf8).write(to: config)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// How many tasks the grid has when at least `tasks` are asked for.
    static func taskCount(forAtLeast tasks: Int) -> Int { seeds(forAtLeast: tasks) * tasksPerSeed }

    private static func seeds(forAtLeast tasks: Int) -> Int { (tasks + tasksPerSeed - 1) / tasksPerSeed }

    private static func yaml(name: String, seeds: Int) -> String {
        """
        name: \(name)
        dataset:
          path: data.jsonl
          format: jsonl
          inputs:
            - {label: Summary, field: summary}
            - {label: Source Text, field: source}
          criteria: [fluency, relevance, coherence, consistency]
          scale: {min: 1, max: 5}
          initial_instruction: "Rate from {min} to {max}."
          directive: |
            You are a careful, calibrated evaluator.
          split: {seed: 42, train: 80, test: 120}
        pipeline:
          steps: 3
          batch_size: 3
          validation_size: 30
          eval_every: 1
        grid:
          backbones: [sim]
          modes: [single, SSS, SSC, SCC, CCC]
          gates: [none, mae, off_by_one, spearman]
          seeds: [\((1...seeds).map(String.init).joined(separator: ", "))]
        analyses:
          cherry_pick: false
        backbones:
          sim:
            task: {endpoint: sim, model: sim-task}
            loss: {endpoint: sim, model: sim-large}
            gradient: {endpoint: sim, model: sim-large}
            optimizer: {endpoint: sim, model: sim-large}
        endpoints:
          sim:
            kind: sim
            requests_per_minute: 60000
            tokens_per_minute: 100000000
            max_concurrency: 16
            prices:
              sim-task: {input: 0.05, output: 0.2}
              sim-large: {input: 0.2, output: 0.8}

        """
    }
}

/// `collider coordinator CONFIG --bind tcp://127.0.0.1:PORT --results DIR` as a child process, so
/// that its peak memory and CPU are its own (`RUSAGE_CHILDREN` once it is reaped), not the simulated
/// fleet's. Its output and log go to `coordinator.log` in the sweep folder.
final class ChildCoordinator: Sendable {
    /// The ROUTER address the child printed.
    let address: String
    /// When the child was started and when its port first accepted a connection (`BenchClock`).
    let startedAt: UInt64
    let listeningAt: UInt64
    let log: URL
    private let process: Process
    private let exit: ExitLatch

    private init(address: String, startedAt: UInt64, listeningAt: UInt64, log: URL, process: Process, exit: ExitLatch) {
        self.address = address
        self.startedAt = startedAt
        self.listeningAt = listeningAt
        self.log = log
        self.process = process
        self.exit = exit
    }

    /// Starts the coordinator of `sweep` on a free loopback port and returns once the port accepts
    /// connections (`listeningAt`), or throws when the child exits first or takes over `timeout`
    /// seconds.
    static func start(_ sweep: BenchSweep, timeout: Double = 120) async throws -> ChildCoordinator {
        let log = sweep.folder.appending(path: "coordinator.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let port = try BenchPort.free()
        let process = Process()
        process.executableURL = ChildProcess.executable
        process.arguments = [
            "coordinator", sweep.config.path, "--bind", "tcp://127.0.0.1:\(port)", "--results", sweep.results.path,
        ]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        let exit = ExitLatch()
        process.terminationHandler = { _ in exit.open() }
        let startedAt = BenchClock.now()
        try process.run()
        let deadline = startedAt + UInt64(timeout * 1e9)
        while !BenchPort.accepts(port) {
            guard process.isRunning, BenchClock.now() < deadline else {
                if process.isRunning { process.terminate() }
                throw BenchChildError(what: "the coordinator did not start listening; see \(log.path)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        return ChildCoordinator(
            address: "tcp://127.0.0.1:\(port)", startedAt: startedAt, listeningAt: BenchClock.now(), log: log,
            process: process, exit: exit)
    }

    /// Waits until the child exits; throws unless it exited 0.
    func waitForExit() async throws {
        await exit.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw BenchChildError(
                what: "the coordinator ended with status \(process.terminationStatus); see \(log.path)")
        }
    }

    /// Kills the child (SIGKILL) and reaps it.
    func kill() async {
        Foundation.kill(process.processIdentifier, SIGKILL)
        await exit.wait()
    }
}

/// Opened by a child's termination handler. Waiting on it costs nothing, where
/// `Process.waitUntilExit` polls a run loop and takes CPU from the coordinator being measured.
final class ExitLatch: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// The child exited (and was reaped): releases every waiter, now and later.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the latch is open.
    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }
}

/// Peak resident memory and CPU seconds of the reaped children (the largest child's peak).
struct ChildUsage {
    var peakRSSMegabytes: Double
    var cpuSeconds: Double

    static func now() -> ChildUsage {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        // Linux reports `ru_maxrss` in kilobytes.
        return ChildUsage(peakRSSMegabytes: Double(usage.ru_maxrss) / 1024, cpuSeconds: cpu)
    }
}

/// A benchmark child failed.
struct BenchChildError: Error, CustomStringConvertible {
    var what: String
    var description: String { what }
}

/// Loopback TCP ports for the coordinator children. The coordinator prints its address through
/// buffered standard output, which a pipe only sees at exit; the benchmarks pick the port instead
/// and wait until it accepts connections.
enum BenchPort {
    /// A port that was free a moment ago (bound to port 0, then released).
    static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchChildError(what: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw BenchChildError(what: "could not bind a loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on the loopback `port` now.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
