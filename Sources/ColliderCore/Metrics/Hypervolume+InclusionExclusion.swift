extension Hypervolume {
    /// The volume of the union of the boxes [0, p] by inclusion–exclusion (§5.4), for points already
    /// shifted so the reference is the origin. Subsets are visited depth-first, so each subset's
    /// coordinate-wise minimum is one `min` per coordinate from its parent's, kept in one flat
    /// buffer (row `depth` holds the minimum of the subset on the current path).
    static func inclusionExclusion(_ points: [[Double]]) -> Double {
        guard let dimensions = points.first?.count else { return 0 }
        var minima = [Double](repeating: .infinity, count: (points.count + 1) * dimensions)
        var total = 0.0
        func extend(from start: Int, depth: Int, sign: Double) {
            let parent = depth * dimensions
            let row = parent + dimensions
            for index in start..<points.count {
                var product = 1.0
                for axis in 0..<dimensions {
                    let value = Swift.min(minima[parent + axis], points[index][axis])
                    minima[row + axis] = value
                    product *= value
                }
                total += sign * product
                extend(from: index + 1, depth: depth + 1, sign: -sign)
            }
        }
        extend(from: 0, depth: 0, sign: 1)
        return total
    }
}
