/// A fuzz input that broke a property the code under test promises.
///
/// The fuzz executable turns it into a crash so that libFuzzer keeps the input; the regression
/// tests report it as a failure with the input's file name.
public struct InvariantViolation: Error, Sendable, CustomStringConvertible {
    /// The target whose property broke.
    public var target: FuzzTarget
    /// What was expected and what happened instead.
    public var message: String

    public init(_ target: FuzzTarget, _ message: String) {
        self.target = target
        self.message = message
    }

    public var description: String { "\(target.rawValue): \(message)" }
}
