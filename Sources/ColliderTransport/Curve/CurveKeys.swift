import CZeroMQ
import Foundation

/// A CURVE secret key in Z85 text; it prints as `***` so it never reaches a log.
public struct CurveSecretKey: Sendable, Hashable, CustomStringConvertible {
    /// The 40-character Z85 text.
    public let z85: String

    public init(z85: String) { self.z85 = z85 }

    public var description: String { "***" }
}

/// A CURVE key pair, Z85-encoded.
public struct CurveKeyPair: Sendable, Hashable {
    /// The 40-character Z85 public key.
    public let publicKey: String
    public let secretKey: CurveSecretKey

    public init(publicKey: String, secretKey: CurveSecretKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }
}

/// Making, writing and reading CURVE keys (`collider keys`).
///
/// Files: `NAME.pub` holds the public key's Z85 text on one line; `NAME.key` (mode 0600) holds the
/// public key on its first line and the secret key on its second. An allow-list is a directory
/// of `.pub` files.
public enum CurveKeys {
    /// A fresh key pair from `zmq_curve_keypair`.
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try ZMQCall.run("zmq_curve_keypair") { zmq_curve_keypair(&publicKey, &secretKey) }
        return CurveKeyPair(publicKey: text(publicKey), secretKey: CurveSecretKey(z85: text(secretKey)))
    }

    /// Writes `NAME.pub` and `NAME.key` into `directory`. Unless `replacing`, an existing file of
    /// either name is an error and nothing is written (a replaced key locks out whoever holds the
    /// old one).
    public static func write(_ pair: CurveKeyPair, name: String, to directory: URL, replacing: Bool = false) throws {
        let files = [directory.appending(path: name + ".pub"), directory.appending(path: name + ".key")]
        for file in files where FileManager.default.fileExists(atPath: file.path) {
            guard replacing else { throw CurveKeyFileError(path: file.path, problem: "already exists") }
            try FileManager.default.removeItem(at: file)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((pair.publicKey + "\n").utf8).write(to: files[0])
        try writeSecret(Array("\(pair.publicKey)\n\(pair.secretKey.z85)\n".utf8), to: files[1].path)
    }

    /// Creates `path` with mode 0600 from the start (a write-then-chmod would leave the secret
    /// readable for a moment), failing if it exists.
    private static func writeSecret(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw CurveKeyFileError(path: path, problem: "cannot be created: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw CurveKeyFileError(path: path, problem: "cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a key pair written by `write`.
    public static func readKeyPair(at url: URL) throws -> CurveKeyPair {
        let lines = try keyLines(at: url)
        guard lines.count == 2 else {
            throw CurveKeyFileError(
                path: url.path,
                problem: "expected 2 keys (public and secret: a NAME.key file), found \(lines.count)")
        }
        return CurveKeyPair(publicKey: lines[0], secretKey: CurveSecretKey(z85: lines[1]))
    }

    /// Reads the public key in a `.pub` file.
    public static func readPublicKey(at url: URL) throws -> String {
        let lines = try keyLines(at: url)
        guard lines.count == 1 else {
            throw CurveKeyFileError(
                path: url.path, problem: "expected 1 key (a public NAME.pub file), found \(lines.count)")
        }
        return lines[0]
    }

    /// The public keys of every `.pub` file in `directory`.
    public static func readAllowList(in directory: URL) throws -> Set<String> {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        return try Set(files.filter { $0.pathExtension == "pub" }.map(readPublicKey(at:)))
    }

    /// The Z85 text of a 32-byte binary key, nil for any other length.
    static func z85(_ binary: [UInt8]) -> String? {
        guard binary.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, binary, 32) != nil else { return nil }
        return self.text(text)
    }

    private static func keyLines(at url: URL) throws -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CurveKeyFileError(path: url.path, problem: "cannot be read (missing, unreadable, or not UTF-8 text)")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        if let bad = lines.first(where: { !isZ85Key($0) }) {
            throw CurveKeyFileError(path: url.path, problem: "a \(bad.utf8.count)-character line is not a Z85 key")
        }
        return lines
    }

    /// Whether `line` is 40 characters of Z85 that decode to 32 bytes.
    private static func isZ85Key(_ line: String) -> Bool {
        guard line.utf8.count == 40 else { return false }
        var binary = [UInt8](repeating: 0, count: 32)
        return zmq_z85_decode(&binary, line) != nil
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A key file that does not hold what it should.
public struct CurveKeyFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public var description: String { "\(path): \(problem)" }
}
