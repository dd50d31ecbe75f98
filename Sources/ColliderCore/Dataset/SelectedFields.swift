import Foundation

/// Decodes only the named top-level fields of a JSON object, so that long fields a config does not
/// use (SummEval's references, annotations) are parsed but never turned into Swift values.
struct SelectedFields: Decodable {
    /// The `userInfo` entry that holds the wanted field names (`[String]`).
    static let wanted = CodingUserInfoKey(rawValue: "collider.selectedFields")!

    /// The wanted fields that are present, by name.
    var values: [String: JSONValue]

    init(from decoder: any Decoder) throws {
        let names = decoder.userInfo[Self.wanted] as? [String] ?? []
        let container = try decoder.container(keyedBy: FieldKey.self)
        var values: [String: JSONValue] = [:]
        for name in names where container.contains(FieldKey(name)) {
            values[name] = try container.decode(JSONValue.self, forKey: FieldKey(name))
        }
        self.values = values
    }

    /// A JSON decoder that decodes `fields` of each object.
    static func decoder(for fields: [String]) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[wanted] = fields
        return decoder
    }

    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
