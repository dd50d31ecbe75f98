import ColliderCore

/// Where a call sits in a run: with the request body it determines the call key.
struct CallSite: Sendable, Hashable, Codable {
    /// The stage that makes the call.
    enum Stage: String, Sendable, Hashable, Codable {
        /// Test-set evaluation.
        case test
        /// The training minibatch's task calls.
        case train
        case loss
        case gradient
        case optimizer
        /// Validation predictions of the incumbent prompt (once, at the first gate call).
        case gateIncumbent = "gate_incumbent"
        /// Validation predictions of the candidate prompt.
        case gateCandidate = "gate_candidate"
        /// A diagnostic's judge call.
        case judge
    }

    var step: Int
    var stage: Stage
    /// The row id of the item, or 0 for a call about no single item (an optimizer call).
    var item: Int
    /// The criterion of a per-criterion call; nil otherwise.
    var criterion: String?
    /// 0 for the first sample, 1… for re-samples.
    var sample: Int

    init(step: Int, stage: Stage, item: Int, criterion: String? = nil, sample: Int = 0) {
        self.step = step
        self.stage = stage
        self.item = item
        self.criterion = criterion
        self.sample = sample
    }
}

extension CallSite {
    /// The call key (architecture.md) of this call of task `taskID` whose request body is `body`.
    /// A per-criterion call's stage is `stage/criterion`. The same prompt evaluated again at a later
    /// step, or re-sampled, gets a different key.
    func callKey(taskID: String, body: JSONValue) -> String {
        let stage = criterion.map { "\(self.stage.rawValue)/\($0)" } ?? self.stage.rawValue
        // Encoding a JSON value of strings and finite numbers cannot fail.
        // swiftlint:disable:next force_try
        return try! CallKey.make(taskID: taskID, step: step, stage: stage, item: item, sample: sample, requestBody: body)
    }

    /// The `seed` sent with a call: 31 bits of a hash of the task id and the call site, so each
    /// call (each re-sample too) has its own and a replayed run sends the same ones.
    func seed(taskID: String) -> Int {
        // Encoding strings and integers cannot fail.
        // swiftlint:disable:next force_try
        let digest = try! CanonicalJSON.sha256Hex([taskID: self])
        return Int(UInt32(digest.prefix(8), radix: 16) ?? 0) & 0x7FFF_FFFF
    }
}
