import ColliderCore
import Foundation

/// An API key. It prints, debug-prints, dumps and interpolates as `***`, and it is deliberately not
/// `Codable`, so it cannot reach logs, the store or a results file by accident. The value is read
/// only through `withValue`, at the one place that builds the `Authorization` header.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret held by the environment variable `name`, nil when it is unset or empty.
    public static func fromEnvironment(_ name: String, in environment: [String: String]) -> Secret? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return Secret(value)
    }

    /// Runs `body` with the plain value. Keep what it returns free of the value.
    public func withValue<Result>(_ body: (String) throws -> Result) rethrows -> Result {
        try body(value)
    }

    /// `text` with every occurrence of the value replaced by `***`; for anything a server sends back.
    public func redact(_ text: String) -> String {
        value.isEmpty ? text : text.replacingOccurrences(of: value, with: "***")
    }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Optional where Wrapped == Secret {
    /// `text` redacted by the secret if there is one.
    func redact(_ text: String) -> String {
        map { $0.redact(text) } ?? text
    }
}
