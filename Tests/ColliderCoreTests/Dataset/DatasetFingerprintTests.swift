import Testing

@testable import ColliderCore

/// The fingerprint follows the content the pipeline uses, not the file's bytes.
struct DatasetFingerprintTests {
    static let base = [
        #"{"summary": "s1", "source": "a1", "fluency": 4, "relevance": 3, "coherence": 2, "consistency": 5}"#,
        #"{"summary": "s2", "source": "a2", "fluency": 1, "relevance": 5, "coherence": 4, "consistency": 3}"#,
    ]

    func fingerprint(_ lines: [String], config edit: (inout DatasetConfig) -> Void = { _ in }) throws -> String {
        var config = DatasetFixtures.summEvalConfig(path: try DatasetFixtures.temporaryFile(lines.joined(separator: "\n")))
        edit(&config)
        return try DatasetLoader.load(config).fingerprint
    }

    @Test func reformattingAndUnusedFieldsKeepIt() throws {
        let original = try fingerprint(Self.base)
        let reformatted = [
            #"{ "consistency":5,"coherence" :2, "relevance": 3.0, "fluency": "4", "source": "a1", "summary": "s1" }"#,
            #"{"summary": "s2", "source": "a2", "fluency": 1.2, "relevance": 5, "coherence": 4, "consistency": 3, "doc_id": "d2"}"#,
        ]
        #expect(try fingerprint(reformatted) == original)
        #expect(try fingerprint(["", Self.base[0], "", Self.base[1], ""]) == original)
    }

    @Test func anyUsedValueChangesIt() throws {
        let original = try fingerprint(Self.base)
        let changedText = [Self.base[0].replacingOccurrences(of: "\"s1\"", with: "\"s1!\""), Self.base[1]]
        let changedTruth = [Self.base[0].replacingOccurrences(of: "\"fluency\": 4", with: "\"fluency\": 3"), Self.base[1]]
        let variants = [
            try fingerprint(changedText),
            try fingerprint(changedTruth),
            try fingerprint(Self.base.reversed()),
            try fingerprint(Self.base) { $0.inputs[0].label = "Machine Summary" },
            try fingerprint(Self.base) { $0.criteria.removeLast() },
            try fingerprint(Self.base) { $0.scale.max = 6 },
        ]
        #expect(!variants.contains(original))
        #expect(Set(variants).count == variants.count)
    }
}
