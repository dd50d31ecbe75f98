import ColliderCore

/// The paired difference of two modes of one backbone × gate over their shared seeds: per seed, the
/// task-averaged test Spearman of mode `a` minus that of mode `b` at the last step both evaluated,
/// summarized with its t-interval. Seeds pair runs that saw the same minibatches (decisions.md 4).
public struct PairedDifference: Sendable, Equatable, Codable {
    /// The backbone of both cells.
    public var backbone: String
    /// The gate of both cells.
    public var gate: Gate
    /// The minuend mode.
    public var a: Mode
    /// The subtrahend mode.
    public var b: Mode
    /// The step compared: the last one both cells evaluated.
    public var step: Int
    /// Seeds with a value in both cells at ``step``, ascending.
    public var seeds: [Int]
    /// a − b per seed, summarized.
    public var difference: SampleStatistics

    /// Every pair of modes (in the paper's row order) of every backbone × gate among `cells`, when
    /// they share a step and a seed.
    public static func all(_ cells: [CellStatistics]) -> [PairedDifference] {
        var result: [PairedDifference] = []
        for (index, first) in cells.enumerated() {
            for second in cells[(index + 1)...]
            where second.cell.backbone == first.cell.backbone && second.cell.gate == first.cell.gate {
                let (a, b) = first.cell < second.cell ? (first, second) : (second, first)
                if let pair = between(a, b) { result.append(pair) }
            }
        }
        return result.sorted {
            (CellKey(backbone: $0.backbone, mode: $0.a, gate: $0.gate), Mode.allCases.firstIndex(of: $0.b) ?? 0)
                < (CellKey(backbone: $1.backbone, mode: $1.a, gate: $1.gate), Mode.allCases.firstIndex(of: $1.b) ?? 0)
        }
    }

    private static func between(_ a: CellStatistics, _ b: CellStatistics) -> PairedDifference? {
        let shared = Set(a.steps.map(\.step)).intersection(b.steps.map(\.step))
        guard let step = shared.max(), let left = a.steps.first(where: { $0.step == step }),
            let right = b.steps.first(where: { $0.step == step })
        else { return nil }
        let seeds = left.seeds.filter(right.seeds.contains)
        let differences = seeds.map { seed in
            left.seedAverages[left.seeds.firstIndex(of: seed)!] - right.seedAverages[right.seeds.firstIndex(of: seed)!]
        }
        guard let difference = SampleStatistics(differences) else { return nil }
        return PairedDifference(
            backbone: a.cell.backbone, gate: a.cell.gate, a: a.cell.mode, b: b.cell.mode, step: step, seeds: seeds,
            difference: difference)
    }
}
