import Yams

/// A YAML node with its key path, read into typed values through a `YAMLNodeReader`.
///
/// Every accessor reports what it cannot accept and returns nil; scalars are `${VAR}`-expanded
/// first. Numbers and booleans may be quoted, so `"${STEPS}"` works where an integer is expected.
struct ConfigValue {
    let node: Node
    let keyPath: String
    /// The key that introduced this value, if any; missing keys of a mapping are reported there.
    let keyMark: Mark?
    let reader: YAMLNodeReader

    var place: ConfigPlace { ConfigPlace(node.mark, keyPath: keyPath) }

    /// Whether this is a plain YAML null (`~`, `null` or nothing at all).
    var isNull: Bool { Self.isNull(node) }

    // MARK: Scalars

    /// The expanded text of a scalar.
    func string(nonEmpty: Bool = true) -> String? {
        guard let text = scalarText(expected: "a string")?.text else { return nil }
        if nonEmpty && text.isEmpty {
            reader.report("expected a non-empty string, got \"\"", at: place)
            return nil
        }
        return text
    }

    /// A decimal integer (underscores allowed: `1_000_000`) of at least `minimum`.
    func int(minimum: Int? = nil) -> Int? {
        guard let text = scalarText(expected: "an integer")?.text else { return nil }
        let digits = text.replacing("_", with: "")
        guard text.first != "_", let value = Int(digits) else {
            reader.report("expected an integer, got \"\(text)\"", at: place)
            return nil
        }
        if let minimum, value < minimum {
            reader.report("expected an integer ≥ \(minimum), got \(text)", at: place)
            return nil
        }
        return value
    }

    /// A finite number within `range`.
    func number(_ range: NumberRange? = nil) -> Double? {
        guard let text = scalarText(expected: "a number")?.text else { return nil }
        guard let value = Double(text.replacing("_", with: "")), value.isFinite else {
            reader.report("expected a number, got \"\(text)\"", at: place)
            return nil
        }
        if let range, !range.contains(value) {
            reader.report("expected a number \(range), got \(text)", at: place)
            return nil
        }
        return value
    }

    /// `true` or `false` (YAML's `yes`/`no`/`on`/`off` also count).
    func bool() -> Bool? {
        guard let text = scalarText(expected: "true or false")?.text else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            reader.report("expected true or false, got \"\(text)\"", at: place)
            return nil
        }
    }

    /// One of the raw values of `type`, e.g. a `Mode`; `what` names it in the message.
    func choice<T: CaseIterable & RawRepresentable>(_ type: T.Type, what: String) -> T? where T.RawValue == String {
        guard let text = scalarText(expected: what)?.text else { return nil }
        if let value = T(rawValue: text) { return value }
        let expected = T.allCases.map(\.rawValue).joined(separator: ", ")
        reader.report("unknown \(what) \"\(text)\"; expected one of \(expected)", at: place)
        return nil
    }

    // MARK: Collections

    /// The items of a list.
    func list() -> [ConfigValue]? {
        guard case .sequence(let sequence) = node else {
            let hint = node.scalar != nil ? "; write it as [\(node.scalar?.string ?? "")]" : ""
            reader.report("expected a list, got \(shown)\(hint)", at: place)
            return nil
        }
        return sequence.enumerated().map { index, item in
            ConfigValue(
                node: item, keyPath: ConfigKeyPath.appending(index: index, to: keyPath), keyMark: nil,
                reader: reader)
        }
    }

    /// A mapping whose keys must be among `allowedKeys`; nil `allowedKeys` accepts any key (a map
    /// of names, like `endpoints`).
    func mapping(allowedKeys: [String]?) -> ConfigMapping? {
        guard case .mapping(let mapping) = node else {
            reader.report("expected a mapping of keys to values, got \(shown)", at: place)
            return nil
        }
        var entries: [ConfigMapping.Entry] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                reader.report(
                    "expected a plain key, got \(describe(keyNode))", at: ConfigPlace(keyNode.mark, keyPath: keyPath))
                continue
            }
            let key = keyScalar.string
            let childPath = ConfigKeyPath.appending(key: key, to: keyPath)
            if let allowedKeys, !allowedKeys.contains(key) {
                let hint =
                    EditDistance.suggestion(for: key, among: allowedKeys).map { "did you mean \"\($0)\"?" }
                    ?? "expected one of \(allowedKeys.joined(separator: ", "))"
                reader.report("unknown key \"\(key)\"; \(hint)", at: ConfigPlace(keyNode.mark, keyPath: childPath))
                continue
            }
            let value = ConfigValue(node: valueNode, keyPath: childPath, keyMark: keyNode.mark, reader: reader)
            entries.append(ConfigMapping.Entry(key: key, value: value))
        }
        return ConfigMapping(keyPath: keyPath, mark: keyMark ?? node.mark, entries: entries, reader: reader)
    }

    /// Any YAML value as JSON: mappings become objects, lists arrays; plain scalars keep their YAML
    /// type (`8` an integer, `0.5` a number, `true` a boolean, `null`), quoted ones are strings.
    func json() -> JSONValue? {
        switch node {
        case .mapping:
            guard let mapping = mapping(allowedKeys: nil) else { return nil }
            var object: [String: JSONValue] = [:]
            for entry in mapping.entries {
                guard let value = entry.value.json() else { return nil }
                object[entry.key] = value
            }
            return .object(object)
        case .sequence:
            guard let items = list() else { return nil }
            var array: [JSONValue] = []
            for item in items {
                guard let value = item.json() else { return nil }
                array.append(value)
            }
            return .array(array)
        case .scalar(let scalar):
            guard let (text, changed) = scalarText(expected: "a value", allowNull: true) else { return nil }
            guard scalar.style == .plain else { return .string(text) }
            return scalarJSON(text, tag: Tag.Name(rawValue: (changed ? Node(text) : node).tag.rawValue))
        case .alias:
            reader.report("expected a value, got an alias", at: place)
            return nil
        }
    }

    /// A mapping as a JSON object, its values converted as by `json()`.
    func jsonObject() -> [String: JSONValue]? {
        guard case .mapping = node else {
            reader.report("expected a mapping of keys to values, got \(shown)", at: place)
            return nil
        }
        guard case .object(let object)? = json() else { return nil }
        return object
    }

    // MARK: Helpers

    /// How the value is shown after "got": a scalar's text in quotes, or its kind.
    var shown: String { describe(node) }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): ConfigValue.isNull(node) ? "nothing" : "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return node.tag.rawValue == Tag.Name.null.rawValue
    }

    /// The `${VAR}`-expanded text of a scalar and whether expansion changed it; reports a
    /// non-scalar (or a null unless `allowNull`) as "expected `expected`".
    private func scalarText(expected: String, allowNull: Bool = false) -> (text: String, changed: Bool)? {
        guard case .scalar(let scalar) = node, allowNull || !isNull else {
            reader.report("expected \(expected), got \(shown)", at: place)
            return nil
        }
        let (text, failures) = Interpolation.expand(
            scalar.string, environment: reader.environment, secrets: reader.secrets)
        for failure in failures {
            reader.report(failure.message, at: place)
        }
        return failures.isEmpty ? (text, text != scalar.string) : nil
    }

    private func scalarJSON(_ text: String, tag: Tag.Name) -> JSONValue? {
        let scalar = Node.Scalar(text)
        switch tag {
        case .null: return .null
        case .bool: return Bool.construct(from: scalar).map(JSONValue.bool)
        case .int: return Int.construct(from: scalar).map(JSONValue.int)
        case .float:
            guard let value = Double.construct(from: scalar), value.isFinite else {
                reader.report("\(text) cannot be written in JSON; use a finite number", at: place)
                return nil
            }
            return .double(value)
        default: return .string(text)
        }
    }
}

/// The allowed range of a number, as said in messages ("from 0 to 2", "> 0", "≥ 0").
enum NumberRange: CustomStringConvertible {
    case atLeast(Double)
    case greaterThan(Double)
    case between(Double, Double)

    func contains(_ value: Double) -> Bool {
        switch self {
        case .atLeast(let low): value >= low
        case .greaterThan(let low): value > low
        case .between(let low, let high): low <= value && value <= high
        }
    }

    var description: String {
        switch self {
        case .atLeast(let low): "≥ \(Self.format(low))"
        case .greaterThan(let low): "> \(Self.format(low))"
        case .between(let low, let high): "from \(Self.format(low)) to \(Self.format(high))"
        }
    }

    private static func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}

extension ConfigValue {
    /// The key that introduced this value, or the value itself when it has none.
    var keyPlace: ConfigPlace { ConfigPlace(keyMark ?? node.mark, keyPath: keyPath) }
}
