import Foundation
import Logging

/// Warns when the ROUTER cannot accept connections, at most once per `interval` with the count
/// since the last warning: libzmq retries a failed accept at once, so failures come in floods.
/// Out of descriptors (`EMFILE`, `ENFILE`), workers past the limit cannot connect at all, and
/// nothing else would say so. Used on the I/O thread only.
final class AcceptFailureLog {
    private let address: String
    private let logger: Logger
    private let interval: Duration
    private var lastWarning: ContinuousClock.Instant?
    private var unreported = 0

    init(address: String, logger: Logger, interval: Duration = .seconds(10)) {
        self.address = address
        self.logger = logger
        self.interval = interval
    }

    /// One failed accept, with its `errno`, at `now`. Returns how many failures the warning it
    /// logged covers, or nil when it logged none (one was logged less than `interval` ago).
    @discardableResult
    func record(errno code: Int32, now: ContinuousClock.Instant = .now) -> Int? {
        unreported += 1
        if let lastWarning, now - lastWarning < interval { return nil }
        lastWarning = now
        let reason = String(cString: strerror(code))
        let fix =
            code == EMFILE || code == ENFILE
            ? "each worker holds one descriptor: raise the coordinator's open-file limit (`ulimit -Hn`, systemd "
                + "`LimitNOFILE=`) and restart it (it resumes from its store)"
            : "workers retry; check the host's network settings"
        logger.warning(
            "workers cannot connect to \(address): accepting a connection failed (\(reason)); \(fix)",
            metadata: ["failed accepts": "\(unreported)"])
        defer { unreported = 0 }
        return unreported
    }
}
