import Crypto
import Foundation

/// Canonical JSON: object keys sorted, no insignificant whitespace, slashes not escaped. Two values
/// that are equal encode to the same bytes on every machine, which is what content-addressed task
/// ids and fingerprints need.
public enum CanonicalJSON {
    /// The canonical UTF-8 encoding of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Lower-case hex SHA-256 of the canonical encoding of `value`.
    public static func sha256Hex<T: Encodable>(_ value: T) throws -> String {
        SHA256Hex.of(try encode(value))
    }
}

/// Lower-case hex SHA-256 digests.
public enum SHA256Hex {
    /// The digest of `data`.
    public static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func of(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: $0)) }
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lower-case hex digits per byte (`String(format:)` per byte is slow on Linux).
    private static func hex(_ digest: SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
