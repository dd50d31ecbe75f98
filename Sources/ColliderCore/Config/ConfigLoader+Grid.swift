/// `grid:`: the axes whose product is the set of runs.
extension ConfigLoader {
    static let gridKeys = ["backbones", "modes", "gates", "seeds"]

    /// `backboneNames` are the names under `backbones:`; nil when that section is broken, and then
    /// the names go unchecked.
    static func parseGrid(_ value: ConfigValue, backbones backboneNames: [String]?) -> GridConfig? {
        guard let map = value.mapping(allowedKeys: gridKeys) else { return nil }
        let backbones = map.read("backbones") { axis in
            axis.uniqueList(of: "backbone") { item -> String? in
                guard let name = item.string() else { return nil }
                if let backboneNames, !backboneNames.contains(name) {
                    let defined = backboneNames.isEmpty ? "(none)" : backboneNames.sorted().joined(separator: ", ")
                    item.reader.report(
                        "backbone \"\(name)\" is not defined under backbones; defined: \(defined)", at: item.place)
                    return nil
                }
                return name
            }
        }
        let modes = map.read("modes") { $0.uniqueList(of: "mode") { $0.choice(Mode.self, what: "mode") } }
        let gates = map.read("gates") { $0.uniqueList(of: "gate") { $0.choice(Gate.self, what: "gate") } }
        let seeds = map.read("seeds") { $0.uniqueList(of: "seed") { $0.int() } }
        guard let backbones, let modes, let gates, let seeds else { return nil }
        return GridConfig(backbones: backbones, modes: modes, gates: gates, seeds: seeds)
    }
}
