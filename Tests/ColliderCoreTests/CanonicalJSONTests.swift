import Foundation
import Testing

@testable import ColliderCore

struct CanonicalJSONTests {
    /// Golden digest from Python:
    /// `hashlib.sha256(json.dumps(v, sort_keys=True, separators=(",", ":")).encode()).hexdigest()`
    /// (scripts/golden/canonical_json.py).
    @Test func matchesPythonSortedCompactJSON() throws {
        let value: JSONValue = .object([
            "b": .array([.int(1), .double(2.5), .string("x/y")]),
            "a": .object(["z": .bool(true), "m": .null]),
        ])
        let text = String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
        #expect(text == #"{"a":{"m":null,"z":true},"b":[1,2.5,"x/y"]}"#)
        #expect(
            try CanonicalJSON.sha256Hex(value)
                == "80504b7004396fb2100062420ed6a48f6475984cb9b958326ed09f279ce0bc62")
    }
}
