/// CURVE settings of a ROUTER: its key pair and the client keys it admits.
public struct CurveServerSettings: Sendable, Hashable {
    public var secretKey: CurveSecretKey
    /// Z85 public keys of the workers allowed to connect.
    public var allowedClientKeys: Set<String>

    public init(secretKey: CurveSecretKey, allowedClientKeys: Set<String>) {
        self.secretKey = secretKey
        self.allowedClientKeys = allowedClientKeys
    }
}

/// CURVE settings of a DEALER: the server's public key and the worker's own pair.
public struct CurveClientSettings: Sendable, Hashable {
    public var serverPublicKey: String
    public var keyPair: CurveKeyPair

    public init(serverPublicKey: String, keyPair: CurveKeyPair) {
        self.serverPublicKey = serverPublicKey
        self.keyPair = keyPair
    }
}
