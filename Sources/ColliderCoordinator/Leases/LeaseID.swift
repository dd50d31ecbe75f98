/// Names one lease: one attempt of one task handed to one worker. The scheduler makes them as
/// `<task id prefix>-<attempt>-<sequence>`, unique within a sweep's store.
public struct LeaseID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: LeaseID, rhs: LeaseID) -> Bool { lhs.rawValue < rhs.rawValue }
}
