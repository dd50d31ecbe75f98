// TEMPORARY: stand-ins for the metrics and dataset parts of ColliderCore, which are being written on
// other branches. Same names and signatures as theirs; delete this file when they land on main.

/// Stand-in for ColliderCore's `DatasetRow`.
public struct DatasetRow: Sendable, Equatable {
    public var index: Int
    public var line: Int
    public var inputs: [String]
    public var groundTruth: [String: Int]

    public init(index: Int, line: Int, inputs: [String], groundTruth: [String: Int]) {
        self.index = index
        self.line = line
        self.inputs = inputs
        self.groundTruth = groundTruth
    }
}

/// Stand-in for ColliderCore's `Minibatches`.
public enum Minibatches {
    /// The minibatch of `step`: `train` shuffled with a generator seeded from (seed, step).
    public static func sample(train: [Int], batchSize: Int, step: Int, runSeed: Int, stepSeeded: Bool) -> [Int] {
        var state = UInt64(bitPattern: Int64(stepSeeded ? 0 : runSeed)) &* 0x9E37_79B9_7F4A_7C15
            &+ UInt64(bitPattern: Int64(step))
        var rows = train
        for index in stride(from: rows.count - 1, to: 0, by: -1) {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            rows.swapAt(index, Int(z % UInt64(index + 1)))
        }
        return Array(rows.prefix(max(0, batchSize)))
    }
}

/// Stand-in for ColliderCore's `MetricValues`.
public struct MetricValues: Sendable, Equatable, Codable {
    public var spearman: Double
    public var kendall: Double
    public var mae: Double
    public var offByOne: Double
    public var n: Int
    public var degenerate: Bool

    public init(spearman: Double, kendall: Double, mae: Double, offByOne: Double, n: Int, degenerate: Bool) {
        self.spearman = spearman
        self.kendall = kendall
        self.mae = mae
        self.offByOne = offByOne
        self.n = n
        self.degenerate = degenerate
    }

    /// Metrics over the pairs whose prediction is present and finite.
    public static func compute(groundTruth: [Int], predictions: [Double?]) -> MetricValues {
        var gt: [Double] = []
        var pred: [Double] = []
        for (truth, value) in zip(groundTruth, predictions) {
            if let value, value.isFinite {
                gt.append(Double(truth))
                pred.append(value)
            }
        }
        let errors = zip(gt, pred).map { abs($0 - $1) }
        let mae = errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
        let ob1 = errors.isEmpty ? 0 : Double(errors.filter { $0 <= 1 }.count) / Double(errors.count)
        let degenerate = gt.count < 3 || Set(gt).count < 2 || Set(pred).count < 2
        guard !degenerate else {
            return MetricValues(spearman: 0, kendall: 0, mae: mae, offByOne: ob1, n: gt.count, degenerate: true)
        }
        return MetricValues(
            spearman: pearson(ranks(gt), ranks(pred)), kendall: tauB(gt, pred), mae: mae, offByOne: ob1,
            n: gt.count, degenerate: false)
    }

    private static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { result[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return result
    }

    private static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    private static func tauB(_ x: [Double], _ y: [Double]) -> Double {
        var concordant = 0.0
        var discordant = 0.0
        var tiesX = 0.0
        var tiesY = 0.0
        for i in x.indices {
            for j in x.indices where j > i {
                let dx = x[i] - x[j]
                let dy = y[i] - y[j]
                if dx == 0 && dy == 0 { continue }
                if dx == 0 { tiesX += 1 } else if dy == 0 { tiesY += 1 } else if dx * dy > 0 {
                    concordant += 1
                } else { discordant += 1 }
            }
        }
        let denominator = ((concordant + discordant + tiesX) * (concordant + discordant + tiesY)).squareRoot()
        return denominator == 0 ? 0 : (concordant - discordant) / denominator
    }
}
