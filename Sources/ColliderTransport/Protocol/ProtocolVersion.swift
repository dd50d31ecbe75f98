/// The version of the coordinator ↔ worker wire protocol (architecture.md, "Coordinator ↔ worker
/// protocol"). A frame whose `v` differs is refused with an error naming both versions.
public enum ProtocolVersion {
    /// The only version this build speaks.
    public static let current = 1
}
