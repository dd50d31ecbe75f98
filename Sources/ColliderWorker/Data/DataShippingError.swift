import ColliderCore

/// Why a worker could not get a data set or an analysis's step records from the coordinator.
/// The description names what was fetched and, where there is one, the fix.
public struct DataShippingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// The coordinator answered with an error (it has no such data set or records).
        case refused
        /// A reply that does not fit its request: another key, a size that changed, bytes past
        /// the announced end, a record that does not decode, steps out of order.
        case badReply = "bad_reply"
        /// The assembled file's SHA-256 differs from the one the coordinator announced.
        case corrupt
        /// The data set's fingerprint differs from the one the lease names.
        case fingerprintMismatch = "fingerprint_mismatch"
        /// The coordinator did not answer in time, after every retry.
        case noReply = "no_reply"
    }

    /// What went wrong.
    public var code: Code
    /// What was being fetched, e.g. `data set 3fa4…` or `step records of task 9c1e…`.
    public var subject: String
    /// The details.
    public var detail: String

    public init(_ code: Code, _ subject: String, _ detail: String) {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(subject): \(detail)" }

    /// How a task that needed the fetch fails: a lost or garbled transfer may work next time
    /// (infra); a refusal or a fingerprint that differs will not (config).
    public var failure: (FailureClass, retryable: Bool) {
        switch code {
        case .noReply, .corrupt, .badReply: (.infra, true)
        case .refused, .fingerprintMismatch: (.config, false)
        }
    }
}
