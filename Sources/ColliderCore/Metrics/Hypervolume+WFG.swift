extension Hypervolume {
    /// The volume of the union of the boxes [0, p] by WFG, for points already shifted so the
    /// reference is the origin: Σₖ (vol(pₖ) − vol(limit set of pₖ against pₖ₊₁…)), where the limit
    /// set replaces each later point q by min(pₖ, q). The sum telescopes to the union's volume for
    /// any order; sorting by the first coordinate, descending, keeps the limit sets small.
    static func wfg(_ points: [[Double]]) -> Double {
        let sorted = points.sorted { $0[0] > $1[0] }
        var total = 0.0
        for (index, point) in sorted.enumerated() {
            let limited = sorted[(index + 1)...].map { zip(point, $0).map { Swift.min($0, $1) } }
            total += point.reduce(1, *) - wfg(nonDominated(limited))
        }
        return total
    }
}
