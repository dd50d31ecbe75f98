import Yams

/// The entries of a YAML mapping whose keys have been checked, with their key paths.
struct ConfigMapping {
    struct Entry {
        var key: String
        var value: ConfigValue
    }

    /// The mapping's own key path (`""` for the document root).
    let keyPath: String
    /// Where a missing key is reported: the key that introduced the mapping, or its first line.
    let mark: Mark?
    /// Entries in file order; unknown keys have already been reported and left out.
    let entries: [Entry]
    let reader: YAMLNodeReader

    /// The value under `key`; a null counts as absent. A `required` key that is absent or null is
    /// reported.
    func value(_ key: String, required: Bool = false) -> ConfigValue? {
        guard let value = entries.first(where: { $0.key == key })?.value else {
            if required {
                let parent = keyPath.isEmpty ? "at the top level" : "under \(keyPath)"
                reader.report(
                    "required key \"\(key)\" is missing; add it \(parent)",
                    at: ConfigPlace(mark, keyPath: ConfigKeyPath.appending(key: key, to: keyPath)))
            }
            return nil
        }
        if value.isNull {
            if required {
                reader.report(
                    "required key \"\(key)\" has no value; give it one",
                    at: ConfigPlace(value.keyMark, keyPath: value.keyPath))
            }
            return nil
        }
        return value
    }
}

extension ConfigMapping {
    /// The required value under `key`, read by `read`; nil when it is missing or invalid.
    func read<T>(_ key: String, _ read: (ConfigValue) -> T?) -> T? {
        value(key, required: true).flatMap(read)
    }

    /// The optional value under `key`, read by `read`; `fallback` when absent, nil when invalid.
    func read<T>(_ key: String, default fallback: T, _ read: (ConfigValue) -> T?) -> T? {
        guard let value = value(key) else { return fallback }
        return read(value)
    }
}
