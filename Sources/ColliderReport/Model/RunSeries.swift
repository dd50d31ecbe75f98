import ColliderCore
import ColliderPipeline

/// The grid position of one aggregated cell: backbone × mode × gate.
public struct CellKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The backbone's name in the config.
    public var backbone: String
    /// The mode; Single-Task cells gather one run per criterion and seed.
    public var mode: Mode
    /// The validation gate.
    public var gate: Gate

    /// Creates a key from its parts.
    public init(backbone: String, mode: Mode, gate: Gate) {
        self.backbone = backbone
        self.mode = mode
        self.gate = gate
    }

    /// Backbone, then mode in the paper's row order, then gate in declaration order.
    public static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        let order: (CellKey) -> (String, Int, Int) = { key in
            (
                key.backbone, Mode.allCases.firstIndex(of: key.mode) ?? 0,
                Gate.allCases.firstIndex(of: key.gate) ?? 0
            )
        }
        return order(lhs) < order(rhs)
    }

    /// `backbone/mode/gate`, also the stem of the cell's plot file.
    public var description: String { "\(backbone)/\(mode.rawValue)/\(gate.rawValue)" }

    /// The paper's row label of the mode.
    public var modeLabel: String { mode == .single ? "Single-Task" : mode.rawValue }
}

/// The test metrics of one run at every evaluated step, as read from its `steps.jsonl`.
public struct RunSeries: Sendable, Equatable {
    /// The cell the run belongs to.
    public var cell: CellKey
    /// The run seed.
    public var seed: Int
    /// The criterion of a Single-Task run; nil for a multi-criterion run.
    public var criterion: String?
    /// Test metrics by step, then by criterion; unevaluated steps are absent.
    public var steps: [Int: [String: TestMetrics]]

    /// Creates a series from its parts.
    public init(cell: CellKey, seed: Int, criterion: String?, steps: [Int: [String: TestMetrics]]) {
        self.cell = cell
        self.seed = seed
        self.criterion = criterion
        self.steps = steps
    }
}
