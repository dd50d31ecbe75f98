import ColliderTransport

extension CoordinatorService {
    /// CURVE handshakes refused since the service started: workers whose public key is not on the
    /// allow-list. Each one is also logged as a warning with that public key.
    public var refusedKeys: Int { router.stats.refusedKeys }
}
