import Foundation

extension CurveServerSettings {
    /// The coordinator's settings from the files `collider keys generate` writes: its own
    /// `NAME.key` and a directory of the workers' `.pub` files. A missing or empty directory is an
    /// error (it would admit nobody).
    public static func load(secretKeyFile: URL, allowListDirectory: URL) throws -> CurveServerSettings {
        let pair = try CurveKeys.readKeyPair(at: secretKeyFile)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: allowListDirectory.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw CurveKeyFileError(path: allowListDirectory.path, problem: "is not a directory of worker .pub files")
        }
        let keys = try CurveKeys.readAllowList(in: allowListDirectory)
        guard !keys.isEmpty else {
            throw CurveKeyFileError(
                path: allowListDirectory.path, problem: "holds no .pub files; copy each worker's NAME.pub into it")
        }
        return CurveServerSettings(secretKey: pair.secretKey, allowedClientKeys: keys)
    }
}

extension CurveClientSettings {
    /// A worker's settings from the coordinator's `NAME.pub` and the worker's own `NAME.key`.
    public static func load(serverKeyFile: URL, keyPairFile: URL) throws -> CurveClientSettings {
        CurveClientSettings(
            serverPublicKey: try CurveKeys.readPublicKey(at: serverKeyFile),
            keyPair: try CurveKeys.readKeyPair(at: keyPairFile))
    }
}
