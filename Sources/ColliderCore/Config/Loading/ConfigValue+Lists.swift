/// List checks shared by the sections: non-empty, no repeats.
extension ConfigValue {
    /// The items of a non-empty list; `what` names one item in the message ("mode").
    func nonEmptyList(of what: String) -> [ConfigValue]? {
        guard let items = list() else { return nil }
        if items.isEmpty {
            reader.report("empty list; list at least one \(what)", at: place)
            return nil
        }
        return items
    }

    /// A non-empty list read item by item, with every repeated item reported; nil if any item is
    /// invalid or repeated.
    func uniqueList<T: Hashable>(of what: String, _ read: (ConfigValue) -> T?) -> [T]? {
        guard let items = nonEmptyList(of: what) else { return nil }
        var values: [T] = []
        var valid = true
        for item in items {
            guard let value = read(item) else {
                valid = false
                continue
            }
            if values.contains(value) {
                let shownValue = value is Int ? "\(value)" : item.shown
                reader.report("duplicate \(what) \(shownValue); list each \(what) once", at: item.place)
                valid = false
            }
            values.append(value)
        }
        return valid ? values : nil
    }
}
