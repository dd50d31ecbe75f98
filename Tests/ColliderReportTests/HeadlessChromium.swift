import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`, installed by scripts/install-deps.sh) for the report's
/// rendering test. The binary is `COLLIDER_CHROMIUM` when set, else the first of `chromium`,
/// `chromium-browser`, `google-chrome` on `PATH`. On CI (`CI=true`, set by `.ci/run`) a missing
/// binary is a failure, not a skip.
struct HeadlessChromium {
    static let environment = ProcessInfo.processInfo.environment
    static let binary: String? = {
        if let path = environment["COLLIDER_CHROMIUM"], !path.isEmpty { return path }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()
    static let required = environment["CI"] == "true"
    static let shouldRun = binary != nil || required
    static let skipReason: Comment =
        "no chromium on PATH (install it with scripts/install-deps.sh, or set COLLIDER_CHROMIUM)"

    /// What one Chromium invocation left behind.
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    let path: String
    /// A scratch folder for HOME, the profile and outputs; removed by ``remove()``.
    let scratch: URL

    /// The browser, or a failure when CI requires one and there is none.
    static func require() throws -> HeadlessChromium {
        let path = try #require(
            binary, "CI=true but no chromium binary was found: scripts/install-deps.sh installs Debian's chromium")
        let scratch = FileManager.default.temporaryDirectory.appending(path: "collider-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return HeadlessChromium(path: path, scratch: scratch)
    }

    /// The page's DOM after loading and rendering `page` (`--dump-dom`).
    func dumpDOM(_ page: URL) async throws -> String {
        let outcome = try await run(["--dump-dom", page.absoluteString], what: "dump the DOM of \(page.path)") { outcome in
            outcome.stdout.count > 0
        }
        return String(decoding: outcome.stdout, as: UTF8.self)
    }

    /// A `width` × `height` PNG screenshot of `page`, written to `file`.
    func screenshot(_ page: URL, to file: URL, width: Int, height: Int) async throws {
        try? FileManager.default.removeItem(at: file)
        _ = try await run(
            ["--screenshot=\(file.path)", "--window-size=\(width),\(height)", page.absoluteString],
            what: "screenshot \(page.path)"
        ) { _ in FileManager.default.fileExists(atPath: file.path) }
    }

    /// Runs Chromium with `arguments` until it exits (at most `timeout` seconds, then killed) and
    /// `succeeded` holds, retrying once: headless Chromium on a loaded machine is occasionally slow
    /// or crashes at start-up.
    private func run(
        _ arguments: [String], what: String, timeout: Double = 180, succeeded: (Outcome) -> Bool
    ) async throws -> Outcome {
        var failures: [String] = []
        for attempt in 1...2 {
            let outcome = try await launch(arguments, attempt: attempt, timeout: timeout)
            if outcome.status == 0 && succeeded(outcome) { return outcome }
            let tail = outcome.stderr.split(separator: "\n").suffix(8).joined(separator: "\n")
            failures.append("attempt \(attempt): exit status \(outcome.status); stderr ends with:\n\(tail)")
        }
        let details = failures.joined(separator: "\n")
        Issue.record("chromium (\(path)) could not \(what):\n\(details)")
        throw ChromiumFailure()
    }

    private func launch(_ arguments: [String], attempt: Int, timeout: Double) async throws -> Outcome {
        let profile = scratch.appending(path: "profile-\(attempt)-\(UUID().uuidString)")
        let out = scratch.appending(path: "stdout-\(UUID().uuidString)")
        let err = scratch.appending(path: "stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(filePath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--hide-scrollbars", "--user-data-dir=\(profile.path)",
        ] + arguments
        var environment = Self.environment
        environment["HOME"] = scratch.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        var waited = 0.0
        while process.isRunning && waited < timeout {
            try await Task.sleep(for: .milliseconds(200))
            waited += 0.2
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            return Outcome(status: -1, stdout: Data(), stderr: "killed after \(Int(timeout)) s\n" + stderr)
        }
        return Outcome(
            status: process.terminationStatus, stdout: (try? Data(contentsOf: out)) ?? Data(),
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func remove() {
        try? FileManager.default.removeItem(at: scratch)
    }
}

/// Chromium failed twice; the details are already recorded as an issue.
struct ChromiumFailure: Error {}
