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
        // By table, not `String(format:)`: a plan hashes every task's identity, and the report
        // re-expands the plan each time it is rebuilt.
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: data) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// The digest of the UTF-8 bytes of `text`.
    public static func of(_ text: String) -> String {
        of(Data(text.utf8))
    }
}
