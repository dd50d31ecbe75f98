import ColliderCore

/// The validation gate as a value-type state machine (reference §4, decisions 6): the incumbent
/// is scored once, at the first gate call; a candidate is accepted iff its score is at least the
/// incumbent's (ties accepted) and then becomes the incumbent; the incumbent is never re-scored.
///
/// Scores are "higher is better": −MAE for `mae`, the off-by-one rate, the Spearman rho, each
/// averaged over the criteria that had at least one scorable pair. A score of nil means no
/// criterion had a pair (the reference's −∞): it ties with nil and loses to any number.
public struct ValidationGate: Sendable, Equatable, Codable {
    public var metric: Gate
    /// Whether the incumbent has been scored.
    public private(set) var incumbentScored = false
    /// The incumbent's score, once scored.
    public private(set) var incumbentScore: Double?

    public init(metric: Gate) {
        self.metric = metric
    }

    /// Whether the next decision needs the incumbent's score first.
    public var needsIncumbentScore: Bool { metric.isOn && !incumbentScored }

    /// Records the incumbent's one and only score.
    public mutating func setIncumbent(score: Double?) {
        precondition(!incumbentScored, "the gate's incumbent is scored once")
        incumbentScored = true
        incumbentScore = score
    }

    /// Accepts or rejects a candidate scored `candidate`; on acceptance it becomes the incumbent.
    public mutating func decide(candidate: Double?) -> GateDecision {
        guard metric.isOn else {
            return GateDecision(metric: metric, incumbentScore: nil, candidateScore: nil, accepted: true)
        }
        precondition(incumbentScored, "score the incumbent before the first decision")
        let accepted = Self.atLeast(candidate, incumbentScore)
        let decision = GateDecision(metric: metric, incumbentScore: incumbentScore, candidateScore: candidate, accepted: accepted)
        if accepted { incumbentScore = candidate }
        return decision
    }

    /// The gate score of per-criterion validation metrics.
    public static func score(metric: Gate, perCriterion: [MetricValues]) -> Double? {
        let scored = perCriterion.filter { $0.n > 0 }
        guard !scored.isEmpty else { return nil }
        let values: [Double] = scored.map {
            switch metric {
            case .mae, .none: -$0.mae
            case .offByOne: $0.offByOne
            case .spearman: $0.spearman
            }
        }
        return values.reduce(0, +) / Double(values.count)
    }

    private static func atLeast(_ candidate: Double?, _ incumbent: Double?) -> Bool {
        switch (candidate, incumbent) {
        case (_, nil): true
        case (nil, _): false
        case (let candidate?, let incumbent?): candidate >= incumbent
        }
    }
}

/// A gate decision as `steps.jsonl` records it.
public struct GateDecision: Sendable, Equatable, Codable {
    public var metric: Gate
    /// Whether the gate scored anything; false for `none`, whose decision is always "accept".
    public var enabled: Bool
    /// The incumbent's score before the decision (higher is better).
    public var incumbentScore: Double?
    public var candidateScore: Double?
    public var accepted: Bool

    public init(metric: Gate, incumbentScore: Double?, candidateScore: Double?, accepted: Bool) {
        self.metric = metric
        enabled = metric.isOn
        self.incumbentScore = incumbentScore
        self.candidateScore = candidateScore
        self.accepted = accepted
    }

    enum CodingKeys: String, CodingKey {
        case metric, enabled, accepted
        case incumbentScore = "incumbent_score"
        case candidateScore = "candidate_score"
    }
}
