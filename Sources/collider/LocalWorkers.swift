import Foundation

/// The worker processes of a local sweep. One that dies while the sweep runs (crashed, killed)
/// is started again under the same id, so it resends any result it had not had acknowledged; a
/// worker that keeps dying is given up after `maxRestarts`. A worker that exits with status 0 was
/// drained by the coordinator — the sweep is ending — and stays stopped.
actor LocalWorkers {
    private var processes: [String: Process] = [:]
    private var restarts: [String: Int] = [:]
    private let arguments: (String) -> [String]
    private let maxRestarts = 5

    /// Starts `count` workers connecting to `address`, writing under `results`, sending a heartbeat
    /// every `heartbeat` seconds.
    init(count: Int, address: String, results: URL, heartbeat: Double) throws {
        arguments = { id in
            ["worker", "--connect", address, "--id", id, "--results", results.path, "--heartbeat", "\(heartbeat)"]
        }
        for index in 1...count {
            let id = "local-\(getpid())-\(index)"
            processes[id] = try ChildProcess.start(arguments(id))
        }
    }

    /// Starts again every worker that exited; returns a line per worker restarted or given up.
    func restartExited() -> [String] {
        var lines: [String] = []
        for (id, process) in processes.sorted(by: { $0.key < $1.key }) where !process.isRunning && !Self.drained(process) {
            let count = restarts[id, default: 0]
            guard count < maxRestarts else { continue }
            restarts[id] = count + 1
            let status = process.terminationStatus
            do {
                processes[id] = try ChildProcess.start(arguments(id))
                lines.append("worker \(id) exited (status \(status)); started it again")
            } catch {
                lines.append("worker \(id) exited (status \(status)) and could not be started again: \(error)")
            }
            if count + 1 == maxRestarts { lines.append("worker \(id) will not be restarted again") }
        }
        return lines
    }

    /// Whether the worker left because the coordinator drained it.
    private static func drained(_ process: Process) -> Bool {
        process.terminationReason == .exit && process.terminationStatus == 0
    }

    /// Waits until every worker exited, at most `timeout`; terminates the rest.
    func waitForExit(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while processes.values.contains(where: \.isRunning), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        for process in processes.values where process.isRunning { process.terminate() }
    }
}
